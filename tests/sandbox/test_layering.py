"""The sandbox may import only itself and procdesk.domain: it must not agree with a client's bug."""

from __future__ import annotations

import ast
from pathlib import Path

import procdesk.sandbox

ALLOWED = ("procdesk.sandbox", "procdesk.domain")


def _procdesk_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "procdesk" or name.startswith("procdesk.")}


def test_sandbox_imports_only_itself_and_domain() -> None:
    root = Path(procdesk.sandbox.__file__).parent
    offending = {
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in _procdesk_imports(path)
        if not name.startswith(ALLOWED)
    }
    assert offending == set()
