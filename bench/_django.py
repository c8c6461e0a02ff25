"""Django set-up for benchmarks, and a database of their own (created, migrated and dropped)."""

import os
from contextlib import contextmanager


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


@contextmanager
def own_database(name: str):
    """A fresh, migrated database for the benchmark, dropped afterwards.

    On PostgreSQL (``DATABASE_URL``) it is called ``name`` (e.g. ``bench_quota``); on SQLite it
    lives in memory.  Django's test-database utilities do the work, so the schema is exactly
    what the migrations produce (regions and policies included).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
