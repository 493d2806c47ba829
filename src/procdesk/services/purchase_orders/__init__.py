"""Closing the loop in Autotask: a purchase order per placed distributor order, receipts
from the distributor's shipments (or entered by hand), and the charges' status re-read."""
