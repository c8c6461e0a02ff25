"""``make load``: the API under load on gunicorn + PostgreSQL, bounded, on loopback only.

1. creates its own PostgreSQL database (``LOAD_DB_NAME``, default ``load_platform``), migrates
   it and fills it (bench/load/data.py: the demo seed plus a county of synthetic data) with the
   users' API tokens made ahead of the run;
2. starts gunicorn (gunicorn.conf.py, the worker count and threads below) and a Celery worker,
   both bound to 127.0.0.1, and runs the annual audit through the API and the worker, so the
   auditors have a compliance table to read;
3. warms every gunicorn worker up (each loads the match index snapshot once), then runs locust
   headless: ``--users`` users spawned at ``--spawn-rate`` a second, statistics reset when all
   are running, then ``--seconds`` measured; locust stops by itself (and is killed if not);
4. prints each endpoint's p50/p95/errors and one ``BENCH name=load …`` line;
5. stops gunicorn and the worker and drops the database — also after an error, Ctrl-C or
   SIGTERM.

The load environment raises the public calculator's throttle (THROTTLE_CALCULATOR): 100 users
from one address would otherwise get 429s after 60 calculations a minute.  Production defaults
are untouched; README "Load test" says so.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bench._harness import print_bench_line, print_load
from bench.load import report

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
# Redis database for the broker and the throttle counters of this run (CI's worker test uses
# 11, tests/test_health.py 15).
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"


def _args(argv: list[str]) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=int(env("LOAD_USERS", "100")))
    parser.add_argument("--spawn-rate", type=float, default=float(env("LOAD_SPAWN_RATE", "10")))
    parser.add_argument("--seconds", type=int, default=int(env("LOAD_SECONDS", "60")), help="measured time")
    # 2 cores: 3 processes × 4 threads. A sync worker holds one request at a time; the time a
    # request waits on PostgreSQL or Redis is spent idle, so a few threads per process keep the
    # cores busy without the memory of more processes (README "Load test" has the comparison).
    parser.add_argument("--workers", type=int, default=int(env("LOAD_GUNICORN_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(env("LOAD_GUNICORN_THREADS", "4")))
    parser.add_argument("--db-name", default=env("LOAD_DB_NAME", "load_platform"))
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="leave the database, its fixtures and index in var/load/<db-name>/ (for --reuse-db)",
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="run on a database kept by --keep-db instead of building a new one (tuning runs)",
    )
    args = parser.parse_args(argv)
    if not args.db_name.replace("_", "").isalnum():
        parser.error("--db-name: letters, digits and _ only")
    if min(args.users, args.seconds, args.workers, args.threads) < 1 or args.spawn_rate <= 0:
        parser.error("--users, --seconds, --workers, --threads and --spawn-rate must be positive")
    return args


def _loopback_url(name: str, default: str) -> str:
    url = os.environ.get(name, default)
    host = urlsplit(url).hostname
    if host not in (LOOPBACK, "localhost"):
        raise SystemExit(
            f"{name} must point at 127.0.0.1 (the load test stays on this machine), got {host!r}"
        )
    return url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class Processes:
    """Child processes, each in its own session so that it and its children (gunicorn's and
    Celery's workers) can be stopped together, whatever happens to this one."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, cmd: list[str], *, env: dict, log: Path) -> subprocess.Popen:
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.children.append((name, proc))
        return proc

    def stop_all(self) -> None:
        for name, proc in reversed(self.children):
            _stop(name, proc)
        self.children.clear()


def _stop(name: str, proc: subprocess.Popen, grace: float = 15) -> None:
    started = time.monotonic()
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # gunicorn and Celery: warm shutdown
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            print(f"{name} did not stop within {grace:g} s; killing it", file=sys.stderr)
        except ProcessLookupError:
            pass
    # Whatever is left of the session (a worker the master lost) goes too.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
    print(f"stopped {name} in {time.monotonic() - started:.1f} s", file=sys.stderr)


def _database(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _request(
    url: str, *, token: str = "", body: dict | None = None, timeout: float = 120
) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if body is not None else "GET")
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def _wait_ready(base: str, procs: list[subprocess.Popen], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(proc.poll() is not None for proc in procs):
            raise RuntimeError("gunicorn or the Celery worker exited during start-up (see the logs above)")
        try:
            status, body = _request(f"{base}/readyz", timeout=2)
            if status == 200 and body.get("status") == "ok":
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base}/readyz did not answer ok within {timeout:g} s")


def _audit(base: str, fixtures: dict, timeout: float = 600) -> None:
    """Start the annual audit as the auditor (202), wait for the Celery worker to finish it."""
    token = fixtures["auditor_token"]
    status, run = _request(
        f"{base}/api/v1/quota/audits/", token=token, body={"data_year": fixtures["data_year"]}
    )
    if status != 202:
        raise RuntimeError(f"starting the audit answered {status}")
    deadline = time.monotonic() + timeout
    while run.get("status") != "done":
        if run.get("status") == "failed" or time.monotonic() > deadline:
            raise RuntimeError(f"the audit did not finish: {run.get('status')} {run.get('error', '')}")
        time.sleep(1)
        _, run = _request(f"{base}/api/v1/quota/audits/{run['id']}/", token=token)
    _, results = _request(f"{base}/api/v1/quota/audits/{run['id']}/results/", token=token)
    fixtures["audit_run"], fixtures["audit_results"] = run["id"], results.get("count", 0)
    print(f"audit run {run['id']}: {fixtures['audit_results']} employers in the compliance table", flush=True)


def _warm_up(base: str, fixtures: dict, workers: int) -> None:
    """A few concurrent rounds of each request, so that every gunicorn process has loaded the
    match index and opened its database connection before anything is measured."""
    calls = [
        lambda i: _request(f"{base}/api/v1/me/matched-jobs/", token=fixtures["seeker_tokens"][i % 100]),
        lambda i: _request(f"{base}/api/v1/jobs/?mine=1", token=fixtures["employer_tokens"][i % 100]),
        lambda i: _request(
            f"{base}/api/v1/quota/audits/{fixtures['audit_run']}/results/", token=fixtures["auditor_token"]
        ),
        lambda i: _request(f"{base}/api/v1/quota/calculate", body=fixtures["calculator_bodies"][i % 60]),
    ]
    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        for call in calls:
            for _ in range(3):
                statuses = list(pool.map(lambda i, c=call: c(i)[0], range(workers * 4)))
                if set(statuses) != {200}:
                    raise RuntimeError(f"warm-up requests answered {sorted(set(statuses))}")


def _locust(args, base: str, env: dict, work: Path) -> dict[str, report.EndpointStats]:
    ramp = args.users / args.spawn_rate
    run_time = int(ramp + 0.999) + args.seconds  # statistics are reset when the ramp is done
    cmd = [
        sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
        "--headless", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", f"{run_time}s", "--stop-timeout", "5", "--reset-stats",
        "--host", base, "--csv", str(work / "locust"), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    print(
        f"locust: {args.users} users, {args.spawn_rate:g}/s ramp ({ramp:.0f} s), then {args.seconds} s measured"
    )
    with open(work / "locust.log", "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=run_time + 60)
        finally:
            _stop("locust", proc, grace=5)
    samples = Path(env["LOAD_SAMPLES"])
    if not samples.exists():
        raise RuntimeError("locust wrote no samples:\n" + (work / "locust.log").read_text()[-3000:])
    return report.summarise(*report.read_samples(samples))


def _env(args, work: Path, database_url: str, redis_url: str, port: int) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "backend.settings",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            # Each gunicorn thread keeps its connection for the whole run (no connect per request).
            "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "600"),
            "CELERY_BROKER_URL": redis_url,
            "REDIS_URL": redis_url,
            # The load environment only: 100 users share one address (README "Load test").
            "THROTTLE_CALCULATOR": os.environ.get("LOAD_THROTTLE_CALCULATOR", "100000/min"),
            "MATCHING_INDEX_DIR": str(work / "index"),
            "MEDIA_ROOT": str(work / "media"),
            "ROSTER_IMPORT_STAGING_DIR": str(work / "staging"),
            "GUNICORN_BIND": f"{LOOPBACK}:{port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_GRACEFUL_TIMEOUT": "5",
            # locust talks to gunicorn directly and keeps its connections: with gunicorn's 5 s a
            # connection idle for 5 s can be closed just as the next request is sent on it, and a
            # POST is not retried (HTTPConnectionClosed). Behind nginx this does not arise.
            "GUNICORN_KEEPALIVE": "75",
            "LOAD_FIXTURES": str(work / "fixtures.json"),
            "LOAD_SAMPLES": str(work / "samples.json"),
        }
    )
    env.pop("DEBUG", None)
    return env


def _fill(env: dict, work: Path, db_name: str) -> None:
    started = time.perf_counter()
    print(f"filling database {db_name} …", flush=True)
    # The seeders' tasks run in-process (no broker), as `make run` seeds: sent to the worker they
    # would queue ahead of the audit and run while the load test measures.
    eager = {key: value for key, value in env.items() if key != "CELERY_BROKER_URL"}
    with open(work / "data.log", "wb") as log:
        subprocess.run(
            [sys.executable, "-m", "bench.load.data", env["LOAD_FIXTURES"]],
            cwd=ROOT, env=eager, stdout=None, stderr=log, check=True,
        )  # fmt: skip
    print(f"database ready in {time.perf_counter() - started:.0f} s", flush=True)


def _show_log(path: Path, lines: int = 30) -> None:
    if path.exists():
        tail = path.read_text(errors="replace").splitlines()[-lines:]
        print(f"--- last lines of {path.name} ---", *tail, sep="\n", file=sys.stderr)


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = _args(sys.argv[1:] if argv is None else argv)
    admin_url = _loopback_url("LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = _loopback_url("LOAD_REDIS_URL", DEFAULT_REDIS)
    database_url = urlsplit(admin_url)._replace(path=f"/{args.db_name}").geturl()
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)  # stop cleanly when killed too
    print_load("start")
    processes = Processes()
    status = 1
    kept = ROOT / "var" / "load" / args.db_name
    reuse = args.reuse_db and (kept / "fixtures.json").exists()
    if args.reuse_db and not reuse:
        raise SystemExit(f"--reuse-db: nothing kept in {kept} (run once with --keep-db)")
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        work = kept if args.keep_db or reuse else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for stale in ("gunicorn.log", "celery.log", "locust.log", "samples.json"):
            (work / stale).unlink(missing_ok=True)  # a kept directory has the last run's
        port = _free_port()
        base = f"http://{LOOPBACK}:{port}"
        env = _env(args, work, database_url, redis_url, port)
        created = reuse
        try:
            if not reuse:
                _database(admin_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
                _database(admin_url, f'CREATE DATABASE "{args.db_name}"')
                created = True
                _fill(env, work, args.db_name)
            fixtures = json.loads(Path(env["LOAD_FIXTURES"]).read_text())
            # Messages left in this run's Redis database by an interrupted run would name rows of
            # a database that no longer exists (or, worse, rows that have the same ids again).
            subprocess.run(
                [sys.executable, "-m", "celery", "-A", "backend", "purge", "-f"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True, timeout=60,
            )  # fmt: skip
            worker = processes.start(
                "celery",
                [sys.executable, "-m", "celery", "-A", "backend", "worker", "--loglevel", "WARNING",
                 "--concurrency", "1", "--without-gossip", "--without-mingle", "-n", f"load-{port}@%h"],
                env=env, log=work / "celery.log",
            )  # fmt: skip
            gunicorn_cmd = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "backend.wsgi"]
            if args.threads > 1:
                gunicorn_cmd += ["--worker-class", "gthread", "--threads", str(args.threads)]
            server = processes.start("gunicorn", gunicorn_cmd, env=env, log=work / "gunicorn.log")
            print(f"gunicorn: {args.workers} workers × {args.threads} threads on {base}", flush=True)
            _wait_ready(base, [worker, server])
            if "audit_run" not in fixtures:
                _audit(base, fixtures)
                # Planner statistics for the bulk-loaded tables and the audit's results, as
                # autovacuum would have them a minute later: without them PostgreSQL guesses one
                # row per table and the compliance table's count takes 28 ms instead of 2 ms.
                _database(database_url, "VACUUM ANALYZE")
            Path(env["LOAD_FIXTURES"]).write_text(json.dumps(fixtures, ensure_ascii=False))
            _warm_up(base, fixtures, args.workers * args.threads)
            print_load("load test start")
            stats = _locust(args, base, env, work)
            print_load("load test end")
            print(f"data: {json.dumps(fixtures['sizes'])}")
            print(report.table(stats))
            missing = report.missing_endpoints(stats)
            if missing:
                print(f"no requests reached: {', '.join(missing)}", file=sys.stderr)
                _show_log(work / "locust.log")
            failures = work / "locust_failures.csv"
            if failures.exists() and len(failures.read_text().splitlines()) > 1:
                print(failures.read_text()[-2000:], file=sys.stderr)
            values = report.bench_values(stats, users=args.users, seconds=args.seconds)
            values = {**values, "workers": args.workers, "threads": args.threads}
            print_bench_line("load", **values)
            status = 0 if not missing else 1
        except KeyboardInterrupt:
            print("interrupted: stopping gunicorn and the worker", file=sys.stderr)
            status = 130
        except (RuntimeError, subprocess.CalledProcessError, OSError) as error:
            print(f"load test failed: {error}", file=sys.stderr)
            for log in ("data.log", "gunicorn.log", "celery.log", "locust.log"):
                _show_log(work / log)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip the clean-up
            processes.stop_all()
            if created and not (args.keep_db or reuse):
                _database(admin_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
            signal.signal(signal.SIGINT, signal.default_int_handler)
    return status


if __name__ == "__main__":
    sys.exit(main())
