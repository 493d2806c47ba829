"""What tests import: plain helper functions, classes and constants, one module per subject.

Fixtures are not here: each lives in the conftest.py of the folder whose tests use it, or in
tests/conftest.py when tests in many folders do.
"""
