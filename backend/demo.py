"""The demo seeders, in dependency order; each is idempotent."""

SEEDERS = [
    "backend.accounts.demo.seed",
    "matching.demo.seed",
]
