"""The distributor interface: `protocol.DistributorClient` and the `models` it speaks."""
