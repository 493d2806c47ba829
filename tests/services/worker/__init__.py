"""Tests of procdesk.services.worker: the worker runner."""
