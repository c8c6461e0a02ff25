"""The demo seeders, in dependency order; each is idempotent."""

SEEDERS = [
    "backend.accounts.demo.seed",
    "registry.demo.seed_certificates",
    "quota.demo.seed",
    "registry.demo.seed_insurance",
    "quota.audit.demo.seed",
    "matching.demo.seed",
    "assistance.demo.seed",
    "jobfairs.demo.seed",
    "indicators.demo.seed",
    "notifications.demo.seed",
    "daycentres.demo.seed",
    "training.demo.seed",
]
