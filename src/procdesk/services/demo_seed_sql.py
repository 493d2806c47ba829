"""The SQL that generates demo and benchmark rows inside SQLite (INSERT ... SELECT).

Every row is a pure function of its number `i` (taken from the `demo_n` numbers table), so
a million charges never pass through Python. Small lookup tables (`demo_items`,
`demo_companies`, `demo_tickets`, `demo_order_states`, `demo_kinds`) hold the vocabulary;
`demo_err` and `demo_stuck` number the charges and orders issues point at.

Conventions of the ledger's storage on SQLite that these statements follow: money and
quantities are integers in ten-thousandths (`Money4`), times are naive UTC text
`YYYY-MM-DD HH:MM:SS.ffffff` (`UTCDateTime`), JSON columns are JSON text.

Parameters: `:now_s` (the seed's clock, epoch seconds), `:charges`, `:orders`, `:lines`,
`:quotes`, `:pending_from` (first row number that may be pending), `:salt`.
"""

from __future__ import annotations

HASH = "((({i} + 1) * 2654435761 + :salt * 40503) % 4294967296)"  # a stable spread of i


def at(seconds_ago: str) -> str:
    """`now - seconds_ago` in the ledger's SQLite time format."""
    return f"(datetime(:now_s - ({seconds_ago}), 'unixepoch') || '.000000')"


def quote_id(q: str) -> str:
    return f"('Q-' || printf('%07d', ({q}) + 1))"


# unit cost in ten-thousandths: 20.99 .. 1819.99; price = cost x 1.18 rounded to cents
COST4 = "((20 + (n.i * 37) % 1800) * 10000 + 9900)"
PRICE4 = f"((({COST4} * 118 + 5000) / 10000) * 100)"
QTY4 = "((1 + (n.i * 7) % 12) * 10000)"

NUMBERS = """
CREATE TEMP TABLE demo_n (i INTEGER PRIMARY KEY);
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i + 1 < :count)
INSERT INTO demo_n (i) SELECT i FROM r
"""

QUOTES = f"""
INSERT INTO quotes (id, title, company_name, ship_to, ticket_id, ticket_number, status,
    currency, content_hash, imported_at, updated_at)
SELECT {quote_id("n.i")}, c.name || ' refresh #' || (n.i + 1), c.name,
    json_object('company_name', c.name, 'address_line1', (100 + n.i % 900) || ' Main St',
        'city', 'Springfield', 'state', 'IL', 'postal_code', '62701', 'country_code', 'US'),
    t.ticket_id, t.ticket_number, 'accepted', :currency, printf('demo-%059d', n.i + 1),
    {at("(n.i % 50000) * 60")}, {at("(n.i % 50000) * 60")}
FROM demo_n n
JOIN demo_companies c ON c.k = n.i % (SELECT count(*) FROM demo_companies)
JOIN demo_tickets t ON t.k = n.i % (SELECT count(*) FROM demo_tickets)
WHERE n.i < :quotes
"""

QUOTE_LINES = f"""
INSERT INTO quote_lines (id, quote_id, line_number, sku, description, category, distributor,
    distributor_part_number, quantity, unit_cost, unit_price)
SELECT n.i + 1, {quote_id("n.i / 5")}, n.i % 5 + 1, it.sku, it.description, it.category,
    CASE n.i % 3 WHEN 0 THEN 'ingram' WHEN 1 THEN 'tdsynnex' ELSE 'other' END,
    it.sku || '-P', {QTY4}, {COST4}, {PRICE4}
FROM demo_n n JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
WHERE n.i < :lines
"""

# bucket = HASH % 100: 70 synced, 8 cancelled, 7 error, 15 pending (only near the end, so
# the demo's live queue stays short; elsewhere those become synced)
_B = f"({HASH.format(i='n.i')} % 100)"
CHARGE_STATUS = (
    f"CASE WHEN {_B} < 70 THEN 'synced' WHEN {_B} < 78 THEN 'cancelled' "
    f"WHEN {_B} < 85 THEN 'error' WHEN n.i >= :pending_from THEN 'pending' ELSE 'synced' END"
)
_ERROR_KIND = (
    f"CASE ({HASH.format(i='n.i')} / 100) % 2 WHEN 0 THEN 'invalid_billing_code' "
    "ELSE 'charge_validation' END"
)
_ERROR_TEXT = (
    f"CASE ({HASH.format(i='n.i')} / 100) % 2 WHEN 0 "
    "THEN 'BillingCode does not exist or is invalid' "
    "ELSE 'Value does not reference an existing entity for ticketID .' END"
)
_PSA = (
    f"CASE ({HASH.format(i='n.i')} / 200) % 4 WHEN 0 THEN 'Need To Order' "
    "WHEN 1 THEN 'Waiting Approval' WHEN 2 THEN 'Ready to Ship' ELSE 'Pending' END"
)

CHARGES = f"""
INSERT INTO charges (id, quote_line_id, quote_id, ticket_id, ticket_number, status, marker,
    autotask_id, procurement_status, is_billed, company_name, sku, description, category,
    quantity, unit_cost, unit_price, billable_amount, attempts, next_attempt_at, last_error,
    error_kind, cancel_reason, search_text, created_at, updated_at, synced_at)
SELECT n.i + 1, n.i + 1, {quote_id("n.i / 5")}, t.ticket_id, t.ticket_number, n.status,
    printf('pd-demo-%08d', n.i + 1),
    CASE n.status WHEN 'synced' THEN 900000 + n.i END,
    CASE n.status WHEN 'synced' THEN {_PSA} END,
    n.status = 'synced',
    c.name, it.sku, it.description, it.category, {QTY4}, {COST4}, {PRICE4},
    {QTY4} * {PRICE4} / 10000,
    CASE n.status WHEN 'pending' THEN 0 ELSE 1 END,
    CASE n.status WHEN 'pending' THEN {at("0")} END,
    CASE n.status WHEN 'error' THEN {_ERROR_TEXT} END,
    CASE n.status WHEN 'error' THEN {_ERROR_KIND} END,
    CASE n.status WHEN 'cancelled' THEN 'quote_withdrawn' END,
    lower((n.i + 1) || ' ' || {quote_id("n.i / 5")} || ' ' || c.name || ' ' || it.sku
        || CASE n.status WHEN 'error' THEN ' ' || {_ERROR_TEXT} ELSE '' END),
    {at("(:charges - n.i) * 7")}, {at("(:charges - n.i) * 7")},
    CASE n.status WHEN 'synced' THEN {at("(:charges - n.i) * 7")} END
FROM (SELECT n.i AS i, {CHARGE_STATUS} AS status FROM demo_n n WHERE n.i < :charges) n
JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
JOIN demo_companies c ON c.k = (n.i / 5) % (SELECT count(*) FROM demo_companies)
JOIN demo_tickets t ON t.k = (n.i / 5) % (SELECT count(*) FROM demo_tickets)
"""

# the first 40 orders walk through every state; the rest are mostly history
_O = f"({HASH.format(i='n.i')} % 100)"
ORDER_STATUS = (
    "CASE WHEN n.i < 40 THEN (SELECT status FROM demo_order_states "
    "WHERE k = n.i % (SELECT count(*) FROM demo_order_states)) "
    f"WHEN {_O} < 45 THEN 'delivered' WHEN {_O} < 63 THEN 'shipped' "
    f"WHEN {_O} < 77 THEN 'ordered' WHEN {_O} < 86 THEN 'cancelled' "
    f"WHEN {_O} < 91 THEN 'backordered' WHEN {_O} < 94 THEN 'on_hold' "
    f"WHEN {_O} < 97 THEN 'error' ELSE 'processing' END"
)
_PLACED = "s.status NOT IN ('queued', 'awaiting_approval', 'processing', 'cancelled', 'error')"
_RAW_STATUS = (
    "CASE s.status WHEN 'shipped' THEN 'Shipped' WHEN 'delivered' THEN 'Delivered' "
    "WHEN 'backordered' THEN 'Backordered' WHEN 'on_hold' THEN 'On Hold' "
    "WHEN 'ordered' THEN 'Processing' END"
)
_DIST = "CASE n.i % 2 WHEN 0 THEN 'ingram' ELSE 'tdsynnex' END"

ORDERS = f"""
INSERT INTO orders (id, quote_id, distributor, status, reference, distributor_order_id,
    distributor_status, company_name, ship_to, ship_to_key, total_value, currency, attempts,
    last_error, error_kind, processing_since, placed_at, search_text, created_at, updated_at)
SELECT n.i + 1, {quote_id("n.i")}, {_DIST}, s.status,
    printf('PD-%07d-', n.i + 1) || upper(substr({_DIST}, 1, 2)),
    CASE WHEN {_PLACED} THEN printf('20-%05d', n.i + 1) END,
    {_RAW_STATUS}, c.name, json_object('company_name', c.name),
    lower(replace(c.name, ' ', '-')), {QTY4} * {COST4} / 10000, :currency,
    CASE WHEN {_PLACED} THEN 1 ELSE 0 END,
    CASE WHEN s.status IN ('processing', 'error')
        THEN 'Distributor API timed out (ReadTimeout)' END,
    CASE WHEN s.status IN ('processing', 'error') THEN 'transient' END,
    CASE s.status WHEN 'processing' THEN {at("(:orders - n.i) * 13 + 10800")} END,
    CASE WHEN {_PLACED} THEN {at("(:orders - n.i) * 13")} END,
    lower((n.i + 1) || ' ' || {quote_id("n.i")} || ' ' || c.name || ' ' || {_DIST}),
    {at("(:orders - n.i) * 13")}, {at("(:orders - n.i) * 13")}
FROM demo_n n
JOIN (SELECT n.i AS i, {ORDER_STATUS} AS status FROM demo_n n WHERE n.i < :orders) s
    ON s.i = n.i
JOIN demo_companies c ON c.k = n.i % (SELECT count(*) FROM demo_companies)
WHERE n.i < :orders
"""

ORDER_LINES = f"""
INSERT INTO order_lines (id, order_id, quote_line_id, line_number, sku, part_number,
    description, quantity, unit_price, status, tracking_numbers, updated_at)
SELECT n.i + 1, n.i + 1, n.i + 1, 1, it.sku, it.sku || '-P', it.description, {QTY4}, {COST4},
    'queued', '[]', {at("0")}
FROM demo_n n JOIN demo_items it ON it.k = n.i % (SELECT count(*) FROM demo_items)
WHERE n.i < :orders
"""

SUBJECT_POOLS = """
CREATE TEMP TABLE demo_err (rank INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO demo_err (id) SELECT id FROM charges WHERE status = 'error' ORDER BY id;
CREATE TEMP TABLE demo_stuck (rank INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO demo_stuck (id) SELECT id FROM orders
    WHERE status IN ('processing', 'error', 'backordered', 'on_hold') ORDER BY id
"""

# Issue m of the bulk: every third is about an order, the others about a charge. Each points
# at its own subject (rank 2.. of its pool; rank 1 went to the first issue of each kind), and
# only a pool too small for the plan makes subjects repeat, then with a ".n" suffix.
_IS_ORDER = "(n.i % 3 = 2)"
_POOL = f"(CASE WHEN {_IS_ORDER} THEN :stuck_pool ELSE :err_pool END)"
_RANK = f"(2 + n.i % {_POOL})"
ISSUES = f"""
INSERT INTO issues (id, kind, subject_type, subject_id, dedupe_key, status, provider, title,
    message, hint, action, detail, occurrences, first_seen, last_seen, search_text)
SELECT :first_id + n.i, k.kind, x.subject_type, x.subject_id,
    k.kind || '|' || x.subject_type || '|' || x.subject_id, 'open', NULL, k.title,
    k.message, k.hint, k.action, '{{}}', 1 + n.i % 4, {at("(n.i % 600) * 60")},
    {at("(n.i % 600) * 60")},
    lower(k.kind || ' ' || x.subject_type || ' ' || x.subject_id || ' ' || k.message)
FROM demo_n n
JOIN (
    SELECT n.i AS i,
        CASE WHEN {_IS_ORDER} THEN 'order' ELSE 'charge' END AS subject_type,
        coalesce(CAST(CASE WHEN {_IS_ORDER}
            THEN (SELECT id FROM demo_stuck WHERE rank = {_RANK})
            ELSE (SELECT id FROM demo_err WHERE rank = {_RANK}) END AS TEXT), '0')
        || CASE WHEN n.i >= {_POOL} THEN '.' || (n.i / {_POOL}) ELSE '' END AS subject_id,
        CASE WHEN {_IS_ORDER} THEN :charge_kinds + n.i % :order_kinds
            ELSE n.i % :charge_kinds END AS k
    FROM demo_n n WHERE n.i < :issues
) x ON x.i = n.i
JOIN demo_kinds k ON k.k = x.k
WHERE n.i < :issues
"""

DROP_TEMP = (
    "demo_n",
    "demo_items",
    "demo_companies",
    "demo_tickets",
    "demo_order_states",
    "demo_kinds",
    "demo_err",
    "demo_stuck",
)
