"""procdesk: MSP procurement and billing dashboard."""

__version__ = "0.1.0"
