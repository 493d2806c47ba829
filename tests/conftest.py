"""Shared fixtures. Each area's fixtures live in tests/fixtures/<area>.py."""

pytest_plugins = [
    "tests.fixtures.core",
    "tests.fixtures.postgres",
    "tests.fixtures.dashboard",
    "tests.fixtures.dashboard_actions",
    "tests.fixtures.quote_import",
    "tests.fixtures.cli",
    "tests.fixtures.sandbox",
    "tests.fixtures.autotask",
    "tests.fixtures.procurement",
    "tests.fixtures.charges",
    "tests.fixtures.sandbox_distributors",
    "tests.fixtures.distributors",
    "tests.fixtures.synnexxml",
    "tests.fixtures.fix_screens",
]
