"""Ingram Micro Reseller API v6 emulator (OAuth, orders, catalog) for the procdesk sandbox."""

from procdesk.sandbox.ingram.app import create_app
from procdesk.sandbox.ingram.state import IngramSandbox

__all__ = ["IngramSandbox", "create_app"]
