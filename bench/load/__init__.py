"""The load test of issue 12: ``make load`` (``python -m bench.load``).

Not a ``python -m bench`` benchmark (this package has no ``main``): it starts gunicorn and a
Celery worker on a PostgreSQL database of its own and runs for a few minutes, longer than
``make bench`` may take.  See README "Load test".
"""
