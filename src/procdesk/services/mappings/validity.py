"""What the Category billing codes screen says about each category's code: Autotask's
live answer (exists, active, Material Cost Code, not RMA) in a word, and in full."""

from __future__ import annotations

from dataclasses import dataclass, field

from procdesk.services.mappings.billing_codes import CodeCheck
from procdesk.services.mappings.categories import CategoryRow, code_faults

VALID = "✓ valid"
UNMAPPED = "✗ no code"
CHECKING = "… checking"
UNCHECKED = "? not checked"  # Autotask could not be asked


@dataclass
class CodeValidity:
    """Each mapped code as Autotask last answered (`checks`); `checking` until it has."""

    checks: dict[int, CodeCheck] = field(default_factory=dict)
    checking: bool = True

    def answered(self, checks: dict[int, CodeCheck]) -> None:
        self.checks = dict(checks)
        self.checking = False

    def is_bad(self, code: int | None) -> bool:
        """No code, or a code Autotask refuses (as last checked)."""
        return code is None or (code in self.checks and not self.checks[code].ok)

    def status(self, code: int | None) -> str:
        if code is None:
            return UNMAPPED
        check = self.checks.get(code)
        if check is None:
            return CHECKING if self.checking else UNCHECKED
        return VALID if check.ok else "✗ " + ", ".join(code_faults(check))

    def code_name(self, row: CategoryRow) -> str:
        """The mapped code's name: as stored, else as Autotask calls it (once checked)."""
        if row.billing_code_name or row.billing_code_id is None:
            return row.billing_code_name or ""
        check = self.checks.get(row.billing_code_id)
        return check.info.name if check is not None and check.info is not None else ""

    def detail(self, row: CategoryRow) -> list[str]:
        """The category's code and every reason Autotask would refuse it, in full."""
        code = row.billing_code_id
        now = "no billing code yet" if code is None else f"now {code} {self.code_name(row)}"
        lines = [f"Category {row.category!r}: {now.rstrip()}"]
        check = None if code is None else self.checks.get(code)
        if check is not None:
            lines += [f"✗ {problem}" for problem in check.problems] or ["✓ Autotask takes it"]
        lines.append(f"{row.waiting} charge(s) of this category not yet in Autotask")
        return lines

    def summary(self, rows: list[CategoryRow]) -> str:
        waiting = sum(r.waiting for r in rows)
        parts = [f"{len(rows)} categories", f"{waiting} charge(s) waiting"]
        if self.checking:
            return " · ".join([*parts, "checking the codes with Autotask…"])
        unmapped = sum(1 for r in rows if r.billing_code_id is None)
        bad = sum(
            1 for r in rows if r.billing_code_id is not None and self.is_bad(r.billing_code_id)
        )
        return " · ".join(
            [*parts, f"{bad} with a code Autotask refuses", f"{unmapped} without a code"]
        )
