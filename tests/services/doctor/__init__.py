"""Tests of procdesk.services.doctor: the checks behind `procdesk doctor`."""
