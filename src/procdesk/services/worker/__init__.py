"""The worker runner: registers a worker, heartbeats, and runs its work loops in turn."""
