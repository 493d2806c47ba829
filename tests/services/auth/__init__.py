"""Tests of procdesk.services.auth: credentials and re-authentication."""
