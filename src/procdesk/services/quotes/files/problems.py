"""What is wrong with an import file: every problem names file, place, field and expectation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    file: str
    location: str  # "row 4" (CSV), "/quotes/2/lines/0/quantity" (JSON pointer) or "file"
    field: str | None
    message: str  # what was expected (and what was found)

    def __str__(self) -> str:
        named = not self.field or self.location.endswith(f"/{self.field}")
        field = "" if named else f" {self.field}:"
        return f"{self.file}: {self.location}:{field} {self.message}"


class ImportRejected(Exception):
    """The file was refused as a whole; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
