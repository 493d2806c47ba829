"""Tests of procdesk.integrations.tdsynnex: the TD SYNNEX ION client."""
