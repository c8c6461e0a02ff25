"""The load test's users (locust): four kinds, each calling one endpoint with its own token.

Read by ``locust -f bench/load/locustfile.py`` (started by bench/load/run.py), with
``LOAD_FIXTURES`` naming the JSON file that bench/load/data.py and run.py wrote: API tokens
made ahead of the run, the audit run whose results the auditors page through, and calculator
requests.  Every request goes to the ``--host`` run.py passes, 127.0.0.1 only.

Each user waits ``LOAD_WAIT_MIN``–``LOAD_WAIT_MAX`` seconds (default 1–3) between requests, as
a person reading a page does; 100 such users send about 50 requests a second.
"""

import itertools
import json
import os
import random
import time
from collections import defaultdict

from locust import FastHttpUser, between, events, task

from bench.load.report import ENDPOINTS

with open(os.environ["LOAD_FIXTURES"], encoding="utf-8") as _file:
    FIXTURES = json.load(_file)
WAIT = between(float(os.environ.get("LOAD_WAIT_MIN", "1")), float(os.environ.get("LOAD_WAIT_MAX", "3")))
# Sortable columns of the compliance table (quota.audit.filtersets.AuditResultFilterSet).
ORDERINGS = ["", "employer_name", "-levy_due", "ratio", "-findings_count", "-employee_count"]
# Every measured request's exact time (ms) and outcome, by endpoint; cleared when all users are
# running (as --reset-stats clears locust's own statistics) and written when the test stops.
SAMPLES: dict[str, list] = defaultdict(list)
_measured_since = [time.monotonic()]


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    SAMPLES[name].append([round(response_time, 2), exception is None])


@events.spawning_complete.add_listener
def _start_measuring(user_count, **kwargs):
    SAMPLES.clear()
    _measured_since[0] = time.monotonic()


@events.test_stop.add_listener
def _write_samples(**kwargs):
    seconds = time.monotonic() - _measured_since[0]
    with open(os.environ["LOAD_SAMPLES"], "w", encoding="utf-8") as out:
        json.dump({"seconds": seconds, "samples": SAMPLES}, out)


_seekers = itertools.cycle(FIXTURES["seeker_tokens"])
_employers = itertools.cycle(FIXTURES["employer_tokens"])


class _TokenUser(FastHttpUser):
    abstract = True
    wait_time = WAIT
    token = ""

    def on_start(self):
        self.headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}


class Seeker(_TokenUser):
    """A job-seeker looking at the jobs suggested for them."""

    weight = 40

    def on_start(self):
        self.token = next(_seekers)
        super().on_start()

    @task
    def matched_jobs(self):
        self.client.get("/api/v1/me/matched-jobs/", headers=self.headers, name=ENDPOINTS[1])


class EmployerStaff(_TokenUser):
    """An employer's staff member looking at the employer's own postings."""

    weight = 25

    def on_start(self):
        self.token = next(_employers)
        super().on_start()

    @task
    def own_postings(self):
        self.client.get("/api/v1/jobs/?mine=1", headers=self.headers, name=ENDPOINTS[2])


class Auditor(_TokenUser):
    """An auditor paging and sorting the compliance table of the latest annual audit."""

    weight = 10

    def on_start(self):
        self.token = FIXTURES["auditor_token"]
        self.pages = max(1, -(-FIXTURES["audit_results"] // 20))  # 20 rows a page
        super().on_start()

    @task
    def compliance_table(self):
        params = f"?page={random.randint(1, min(self.pages, 10))}"
        ordering = random.choice(ORDERINGS)
        if ordering:
            params += f"&ordering={ordering}"
        url = f"/api/v1/quota/audits/{FIXTURES['audit_run']}/results/{params}"
        self.client.get(url, headers=self.headers, name=ENDPOINTS[3])


class Visitor(FastHttpUser):
    """Anyone using the public levy calculator (no login)."""

    weight = 25
    wait_time = WAIT

    @task
    def calculate(self):
        body = random.choice(FIXTURES["calculator_bodies"])
        self.client.post("/api/v1/quota/calculate", json=body, name=ENDPOINTS[0])
