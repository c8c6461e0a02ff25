"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py backend.wsgi`.

The timeouts are chained so that the innermost gives up first and the request ends with a logged
error, not a killed worker: libpq's connect timeout and PostgreSQL's statement timeout
(DB_CONNECT_TIMEOUT_SECONDS, DB_STATEMENT_TIMEOUT_SECONDS, backend/settings.py) < gunicorn's worker
timeout < nginx's proxy_read_timeout. A database frozen solid (the process stopped, the host
still answering TCP) is the one case only the worker timeout ends.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


_connect = _int("DB_CONNECT_TIMEOUT_SECONDS", 5)
_statement = _int("DB_STATEMENT_TIMEOUT_SECONDS", 30)

bind = os.environ.get("GUNICORN_BIND", "") or "127.0.0.1:8000"
# Sync workers: each holds one request; the classic 2 × cores + 1.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
# Room for one connection attempt and one full statement, plus rendering.
timeout = _int("GUNICORN_TIMEOUT", _connect + _statement + 15)
if _statement and timeout <= _connect + _statement:
    raise SystemExit(
        f"GUNICORN_TIMEOUT ({timeout}) must exceed DB_CONNECT_TIMEOUT_SECONDS + DB_STATEMENT_TIMEOUT_SECONDS "
        f"({_connect + _statement}): otherwise a slow query kills the worker instead of failing the request"
    )
# On restart (SIGTERM, deploys) requests in flight may finish as long as a statement may run.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", _statement + 5)
# Seconds an idle keep-alive connection from nginx stays open (sync workers close every
# connection after its response; this matters with --worker-class gthread).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
