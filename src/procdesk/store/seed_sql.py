"""The SQL that generates demo and benchmark rows inside the database (INSERT ... SELECT).

Every row is a pure function of its number `i` (taken from the `demo_n` numbers table), so
a million charges never pass through Python. Small lookup tables (`demo_items`,
`demo_companies`, `demo_tickets`, `demo_order_states`, `demo_kinds`) hold the vocabulary;
`demo_taken` holds the subjects the first issues took.

The statements follow the ledger's storage: money and quantities are integers in
ten-thousandths (`Money4`); times are naive UTC text `YYYY-MM-DD HH:MM:SS.ffffff` on
SQLite and `timestamptz` on PostgreSQL (`UTCDateTime`); JSON columns take JSON.
`SeedSql(dialect)` writes the few functions that differ between the two.

Parameters: `:now_s` (the seed's clock, epoch seconds), `:count`, `:quotes`, `:lines`,
`:charges`, `:orders`, `:pending_from` (first row number that may be pending), `:salt`,
`:currency`; for issues `:issues`, `:first_id`.
"""

from __future__ import annotations

TEMP_TABLES = (
    "demo_n",
    "demo_items",
    "demo_companies",
    "demo_tickets",
    "demo_order_states",
    "demo_kinds",
    "demo_taken",
)


def _hash(i: str) -> str:
    """A stable spread of row numbers over 0 .. 2^32-1."""
    return f"((CAST({i} AS BIGINT) + 1) * 2654435761 + :salt * 40503) % 4294967296"


def _txt(expr: str) -> str:
    return f"CAST({expr} AS TEXT)"


class SeedSql:
    """The generating statements for one dialect (`sqlite` or `postgresql`)."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    # -- what differs between SQLite and PostgreSQL ----------------------------------
    def pad(self, expr: str, width: int) -> str:
        if self.pg:
            return f"lpad({_txt(expr)}, {width}, '0')"
        return f"printf('%0{width}d', {expr})"

    def at(self, seconds_ago: str) -> str:
        """`now - seconds_ago` as the ledger stores times."""
        if self.pg:
            return f"to_timestamp(:now_s - ({seconds_ago}))"
        return f"(datetime(:now_s - ({seconds_ago}), 'unixepoch') || '.000000')"

    def json_object(self, *pairs: str) -> str:
        return f"{'json_build_object' if self.pg else 'json_object'}({', '.join(pairs)})"

    def json_array(self, *items: str) -> str:
        return f"{'json_build_array' if self.pg else 'json_array'}({', '.join(items)})"

    # -- shared pieces ---------------------------------------------------------------
    def quote_id(self, q: str) -> str:
        return f"('Q-' || {self.pad(f'({q}) + 1', 7)})"

    def ship_to(self) -> str:
        """A ShipTo (domain.models) for company `c`, street number from `n.i`."""
        street = self.json_array(f"{_txt('100 + n.i % 900')} || ' Main St'")
        return self.json_object(
            "'company'", "c.name", "'address_lines'", street, "'city'", "'Springfield'",
            "'state'", "'IL'", "'postal_code'", "'62701'", "'country_code'", "'US'",
        )  # fmt: skip

    # unit cost in ten-thousandths: 20.99 .. 1819.99; price = cost x 1.18 rounded to cents
    COST4 = "(CAST(20 + (n.i * 37) % 1800 AS BIGINT) * 10000 + 9900)"
    PRICE4 = f"((({COST4} * 118 + 5000) / 10000) * 100)"
    QTY4 = "(CAST(1 + (n.i * 7) % 12 AS BIGINT) * 10000)"

    # -- statements --------------------------------------------------------------------
    NUMBERS = (
        "CREATE TEMP TABLE demo_n (i INTEGER PRIMARY KEY)",
        "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i + 1 < :count) "
        "INSERT INTO demo_n (i) SELECT i FROM r",
    )

    def quotes(self) -> str:
        return f"""
INSERT INTO quotes (id, title, company_name, ship_to, ticket_id, ticket_number, status,
    currency, content_hash, imported_at, updated_at)
SELECT {self.quote_id("n.i")}, c.name || ' refresh #' || {_txt("n.i + 1")}, c.name,
    {self.ship_to()}, t.ticket_id, t.ticket_number, 'accepted', :currency,
    'demo-' || {self.pad("n.i + 1", 59)},
    {self.at("(n.i % 50000) * 60")}, {self.at("(n.i % 50000) * 60")}
FROM demo_n n
JOIN demo_companies c ON c.k = n.i % (SELECT count(*) FROM demo_companies)
JOIN demo_tickets t ON t.k = n.i % (SELECT count(*) FROM demo_tickets)
WHERE n.i < :quotes
"""

    def quote_lines(self) -> str:
        return f"""
INSERT INTO quote_lines (id, quote_id, line_number, sku, description, category, distributor,
    distributor_part_number, quantity, unit_cost, unit_price)
SELECT n.i + 1, {self.quote_id("n.i / 5")}, n.i % 5 + 1, it.sku, it.description, it.category,
    CASE n.i % 3 WHEN 0 THEN 'ingram' WHEN 1 THEN 'tdsynnex' ELSE 'other' END,
    it.part, {self.QTY4}, {self.COST4}, {self.PRICE4}
FROM demo_n n JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
WHERE n.i < :lines
"""

    def charges(self) -> str:
        # bucket: 70 synced, 8 cancelled, 7 error, 15 pending (pending only near the end,
        # so the demo's live queue stays short; elsewhere those become synced history)
        b = f"({_hash('n.i')} % 100)"
        status = (
            f"CASE WHEN {b} < 70 THEN 'synced' WHEN {b} < 78 THEN 'cancelled' "
            f"WHEN {b} < 85 THEN 'error' WHEN n.i >= :pending_from THEN 'pending' "
            "ELSE 'synced' END"
        )
        variant = f"(({_hash('n.i')} / 100) % 2)"
        psa = f"(({_hash('n.i')} / 200) % 4)"
        error_kind = (
            f"CASE {variant} WHEN 0 THEN 'invalid_billing_code' ELSE 'charge_validation' END"
        )
        error_text = (
            f"CASE {variant} WHEN 0 THEN 'BillingCode does not exist or is invalid' "
            "ELSE 'Value does not reference an existing entity for ticketID ' || "
            f"{_txt('t.ticket_id')} || '.' END"
        )
        psa_label = (
            f"CASE {psa} WHEN 0 THEN 'Need To Order' WHEN 1 THEN 'Waiting Approval' "
            "WHEN 2 THEN 'Ready to Ship' ELSE 'Pending' END"
        )
        updated = self.at("(:charges - n.i) * 7")
        return f"""
INSERT INTO charges (id, quote_line_id, quote_id, ticket_id, ticket_number, status, marker,
    autotask_id, procurement_status, is_billed, company_name, sku, description, category,
    quantity, unit_cost, unit_price, billable_amount, attempts, next_attempt_at, last_error,
    error_kind, cancel_reason, search_text, created_at, updated_at, synced_at)
SELECT n.i + 1, n.i + 1, {self.quote_id("n.i / 5")}, t.ticket_id, t.ticket_number, n.status,
    'pd-demo-' || {self.pad("n.i + 1", 8)},
    CASE n.status WHEN 'synced' THEN 900000 + n.i END,
    CASE n.status WHEN 'synced' THEN {psa_label} END,
    n.status = 'synced',
    c.name, it.sku, it.description, it.category, {self.QTY4}, {self.COST4}, {self.PRICE4},
    {self.QTY4} * {self.PRICE4} / 10000,
    CASE n.status WHEN 'pending' THEN 0 ELSE 1 END,
    CASE n.status WHEN 'pending' THEN {self.at("0")} END,
    CASE n.status WHEN 'error' THEN {error_text} END,
    CASE n.status WHEN 'error' THEN {error_kind} END,
    CASE n.status WHEN 'cancelled' THEN 'quote_withdrawn' END,
    lower({_txt("n.i + 1")} || ' ' || {self.quote_id("n.i / 5")} || ' ' || c.name || ' '
        || it.sku || ' ' || it.description || ' ' || t.ticket_number || '
' || n.status || ' ' || CASE n.status WHEN 'error' THEN {error_text} ELSE '' END
        || ' ' || CASE n.status WHEN 'cancelled' THEN 'quote_withdrawn' ELSE '' END
        || ' ' || CASE n.status WHEN 'synced' THEN {_txt("900000 + n.i")} || ' ' || {psa_label}
        ELSE ' ' END),
    {updated}, {updated}, CASE n.status WHEN 'synced' THEN {updated} END
FROM (SELECT n.i AS i, {status} AS status FROM demo_n n WHERE n.i < :charges) n
JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
JOIN demo_companies c ON c.k = (n.i / 5) % (SELECT count(*) FROM demo_companies)
JOIN demo_tickets t ON t.k = (n.i / 5) % (SELECT count(*) FROM demo_tickets)
"""

    def orders(self) -> str:
        # the first 40 orders walk through every state; the rest are mostly history
        o = f"({_hash('n.i')} % 100)"
        status = (
            "CASE WHEN n.i < 40 THEN (SELECT status FROM demo_order_states "
            "WHERE k = n.i % (SELECT count(*) FROM demo_order_states)) "
            f"WHEN {o} < 45 THEN 'delivered' WHEN {o} < 63 THEN 'shipped' "
            f"WHEN {o} < 77 THEN 'ordered' WHEN {o} < 86 THEN 'cancelled' "
            f"WHEN {o} < 91 THEN 'backordered' WHEN {o} < 94 THEN 'on_hold' "
            f"WHEN {o} < 97 THEN 'error' ELSE 'processing' END"
        )
        placed = (
            "n.status NOT IN ('queued', 'awaiting_approval', 'processing', 'cancelled', 'error')"
        )
        raw = (
            "CASE n.status WHEN 'shipped' THEN 'Shipped' WHEN 'delivered' THEN 'Delivered' "
            "WHEN 'backordered' THEN 'Backordered' WHEN 'on_hold' THEN 'On Hold' "
            "WHEN 'ordered' THEN 'Processing' END"
        )
        dist = "CASE n.i % 2 WHEN 0 THEN 'ingram' ELSE 'tdsynnex' END"
        failed = "n.status IN ('processing', 'error')"
        updated = self.at("(:orders - n.i) * 13")
        return f"""
INSERT INTO orders (id, quote_id, distributor, status, reference, distributor_order_id,
    distributor_status, company_name, ship_to, ship_to_key, total_value, currency, attempts,
    last_error, error_kind, processing_since, placed_at, search_text, created_at, updated_at)
SELECT n.i + 1, {self.quote_id("n.i")}, {dist}, n.status,
    'PD-' || {self.pad("n.i + 1", 7)} || '-' || upper(substr({dist}, 1, 2)),
    CASE WHEN {placed} THEN '20-' || {self.pad("n.i + 1", 5)} END,
    {raw}, c.name, {self.ship_to()}, lower(replace(c.name, ' ', '-')),
    {self.QTY4} * {self.COST4} / 10000, :currency,
    CASE WHEN {placed} THEN 1 ELSE 0 END,
    CASE WHEN {failed} THEN 'Distributor API timed out (ReadTimeout)' END,
    CASE WHEN {failed} THEN 'distributor_unavailable' END,
    CASE n.status WHEN 'processing' THEN {self.at("(:orders - n.i) * 13 + 10800")} END,
    CASE WHEN {placed} THEN {updated} END,
    lower({_txt("n.i + 1")} || ' ' || {self.quote_id("n.i")} || ' ' || c.name || ' ' || {dist}),
    {updated}, {updated}
FROM (SELECT n.i AS i, {status} AS status FROM demo_n n WHERE n.i < :orders) n
JOIN demo_companies c ON c.k = n.i % (SELECT count(*) FROM demo_companies)
"""

    def order_lines(self) -> str:
        return f"""
INSERT INTO order_lines (id, order_id, quote_line_id, line_number, sku, part_number,
    description, quantity, unit_price, status, tracking_numbers, updated_at)
SELECT n.i + 1, n.i + 1, n.i + 1, 1, it.sku, it.part, it.description, {self.QTY4},
    COALESCE(CAST(it.cost4 AS BIGINT), {self.COST4}), 'queued', {self.json_array()}, {self.at("0")}
FROM demo_n n JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
WHERE n.i < :orders
"""

    def issues(self) -> str:
        """One open issue per record in trouble, until `:issues` are written: a charge in
        error carries its own error (kind and message), an order the kind its state means
        (`store.seed.ORDER_KIND_STATUS`); each carries its provider (Autotask, the order's
        distributor) and none repeats a subject the first issues (`demo_taken`) took."""
        seen = self.at("(s.n % 600) * 60")
        order_kind = (
            "CASE o.status WHEN 'processing' THEN 'stuck_processing' "
            "WHEN 'error' THEN 'order_rejected' WHEN 'backordered' THEN 'product_unavailable' "
            "ELSE 'price_changed' END"
        )
        return f"""
INSERT INTO issues (id, kind, subject_type, subject_id, dedupe_key, status, provider, title,
    message, hint, action, detail, occurrences, first_seen, last_seen, search_text)
SELECT :first_id + s.n, s.kind, s.subject_type, s.subject_id,
    s.kind || '|' || s.subject_type || '|' || s.subject_id, 'open', s.provider, k.title,
    coalesce(s.message, k.message), k.hint, k.action, {self.json_object()}, 1 + s.n % 4,
    {seen}, {seen},
    lower(s.kind || ' ' || replace(s.kind, '_', ' ') || ' ' || s.subject_type || ' '
        || s.subject_id || ' ' || k.title || ' ' || coalesce(s.message, k.message) || ' '
        || k.hint)
FROM (
    SELECT row_number() OVER (ORDER BY c.ord) - 1 AS n, c.*
    FROM (
        SELECT ch.error_kind AS kind, 'charge' AS subject_type, {_txt("ch.id")} AS subject_id,
            'autotask' AS provider, ch.last_error AS message, ch.id * 2 AS ord
        FROM charges ch
        WHERE ch.status = 'error' AND ch.error_kind IN ('invalid_billing_code',
            'charge_validation')
        UNION ALL
        SELECT {order_kind}, 'order', {_txt("o.id")}, o.distributor, NULL, o.id * 2 + 1
        FROM orders o
        WHERE o.status IN ('processing', 'error', 'backordered', 'on_hold')
    ) c
    WHERE NOT EXISTS (SELECT 1 FROM demo_taken t
        WHERE t.subject_type = c.subject_type AND t.subject_id = c.subject_id)
) s
JOIN demo_kinds k ON k.kind = s.kind
WHERE s.n < :issues
"""
