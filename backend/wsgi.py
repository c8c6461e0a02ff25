"""WSGI entry point (gunicorn backend.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

application = get_wsgi_application()

# Refuse to serve with encryption keys that cannot read the stored data (security.md: a wrong key
# fails loudly at start-up, not on the first citizen's page).
from backend.accounts.keycheck import verify_encryption_keys  # noqa: E402

verify_encryption_keys()
