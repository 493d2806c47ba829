"""The Autotask PSA REST emulator."""
