"""Celery application.

Without CELERY_BROKER_URL tasks run in-process (eager), so a laptop needs no Redis; production
points CELERY_BROKER_URL at Redis and runs `celery -A backend worker`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("backend")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
