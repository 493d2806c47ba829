"""Tests of procdesk.integrations.ingram: the Ingram Micro client."""
