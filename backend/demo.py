"""The demo seeders, in dependency order; each is idempotent."""

SEEDERS = [
    "backend.accounts.demo.seed",
    "quota.demo.seed",
    "quota.demo_audit.seed",
    "matching.demo.seed",
    "indicators.demo.seed",
]
