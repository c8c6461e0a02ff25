"""schemathesis against the OpenAPI schema, in-process: no server errors, responses match the schema.

Runs once per role — anonymous, a seeker, an employer's HR administrator and an auditor — each
with realistic data in scope (a profile and an application; postings and a quota report with a
roster; employers and submitted reports in the auditor's region). The schema declares every 4xx
and query parameter, so the fuzzer tries them.

Every role fuzzes every operation (MAX_EXAMPLES random examples, positive and negative). The
coverage phase — every boundary and negative case the schema implies, hundreds for a large body —
runs once per operation, as the role the operation is for (COVERAGE_OWNERS): as the auditor it
would mostly meet 403 on a seeker's operation. Half of the positive ids drawn for a path
parameter are replaced by ids of real rows, so detail and action endpoints see data (in and out
of the role's scope) rather than only 404s. Everything is derandomized: a run is reproducible.

Every request that reaches the application is counted per role; the last test in this module
checks that the run sent at least MIN_REQUESTS, so a silently empty run cannot pass.
FUZZ_MAX_EXAMPLES raises the random examples per operation and role for a deeper local run.
"""

import copy
import itertools
import json
import os
import re
import time
import zlib
from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXCLUDED = [negative_data_rejection, positive_data_acceptance]
ROLES = ("anonymous", "seeker", "employer", "auditor")
MIN_REQUESTS = 1000
METHODS = {"get", "put", "post", "patch", "delete"}
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "5"))
# Who runs the coverage phase on an operation ("METHOD /path"): the role of the first pattern
# that matches; the auditor for the rest (registry, audits, money, credit, indicators).
COVERAGE_OWNERS = (
    (r"GET /api/v1/jobs/(\{id\}/)?$", "anonymous"),  # the public job list and posting
    (r"POST /api/v1/jobs/\{id\}/apply/", "seeker"),
    (r"POST /api/v1/applications/\{id\}/transition/", "employer"),
    (
        r"POST /api/v1/(quota/credit-cases/\{id\}/decide|quota/reports/\{id\}/(approve|return)"
        r"|employers/\{id\}/activate|employer-change-requests/\{id\}/(approve|reject))/",
        "auditor",
    ),
    (r"\w+ /api/v1/(auth/(login|register)|quota/calculate/|regions/|occupations/)", "anonymous"),
    (r"\w+ /api/v1/(auth/(me|logout)|me/|persons/me/|consents/|feedback/|applications/)", "seeker"),
    (
        r"\w+ /api/v1/(jobs/|employers/|employer-change-requests/"
        r"|quota/(policies|reports|roster-lines|credit-cases)/)",
        "employer",
    ),
)

# Requests that reached the application, per role (schema downloads are not counted), and fuzz
# tests finished, per role, in this process. With pytest-xdist the fuzz tests are spread over the
# workers: each writes its tally to a directory they share and the count at the end adds them up.
SENT: Counter = Counter()
DONE: Counter = Counter()
_calling_as: list[str] = []
_application = get_wsgi_application()


def _counting_application(environ, start_response):
    if _calling_as:
        SENT[_calling_as[-1]] += 1
    return _application(environ, start_response)


def coverage_owner(label: str) -> str:
    return next((role for pattern, role in COVERAGE_OWNERS if re.match(pattern, label)), "auditor")


def _schema_for(raw: dict, role: str):
    """The API schema with the coverage phase switched on only for ``role``'s operations."""
    owned = [
        f"{method.upper()} {path}"
        for path, methods in raw["paths"].items()
        for method in methods
        if method in METHODS and coverage_owner(f"{method.upper()} {path}") == role
    ]
    config = {"phases": {"coverage": {"enabled": False}}}
    if owned:
        config["operations"] = [{"include-name": owned, "phases": {"coverage": {"enabled": True}}}]
    loaded = schemathesis.openapi.from_dict(copy.deepcopy(raw), config=SchemathesisConfig.from_dict(config))
    loaded.app, loaded.location = _counting_application, "/api/schema/"  # as from_wsgi does
    return loaded


schema = schemathesis.openapi.from_wsgi("/api/schema/", _counting_application)
SCHEMAS = {role: _schema_for(schema.raw_schema, role) for role in ROLES}
FUZZ = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Like Django's test client: a WSGI request must not close the test's database connection
    (with CONN_MAX_AGE on PostgreSQL, request_finished would close it mid-test)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _build_world(monkeypatch) -> dict:
    """One small Taicang: employer A (HR admin, two postings, a draft quota report with a roster
    and a submitted one), employer B (a posting and a report: someone else's data), a seeker with
    a profile who applied to A, another person, and an auditor for all of Taicang.
    Returns {role: request headers}."""
    from knox.models import AuthToken

    from matching.services import application_create
    from quota.choices import ReportStatus
    from tests import factories
    from tests.matching import factories as jobs
    from tests.quota import factories as quota

    # Fresh serial numbers: the same world on every run, whatever ran before.
    monkeypatch.setattr(factories, "_seq", itertools.count(1))
    monkeypatch.setattr(jobs, "_seq", itertools.count(1))
    monkeypatch.setattr(quota, "_SEQ", itertools.count(1))

    employer_a = jobs.make_employer()
    hr = jobs.make_employer_user(employer_a)
    posting = jobs.make_posting(employer_a, hr)
    jobs.make_posting(employer_a, hr, title="仓库管理员", skills=["仓储", "电脑操作"], hours="part_time")
    report = quota.make_report(employer_a, by=hr)
    for grade in (1, 3):
        quota.make_line(report, quota.make_person(grade=grade))
    quota.make_report(employer_a, by=hr, data_year=2023, status=ReportStatus.SUBMITTED)

    employer_b = jobs.make_employer()
    jobs.make_posting(employer_b, title="客服专员", skills=["电脑操作"])
    quota.make_report(employer_b, status=ReportStatus.SUBMITTED)

    seeker = jobs.make_seeker_user()
    jobs.make_profile(seeker.person)
    application_create(user=seeker, posting=posting, note="希望能面试")
    factories.make_seeker()

    auditor = factories.make_auditor("320585")
    headers = {"anonymous": {}}
    for role, user in (("seeker", seeker), ("employer", hr), ("auditor", auditor)):
        headers[role] = {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}
    return headers


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world is built once, in a transaction left open for the whole module and rolled back
    at its end: each test runs in a savepoint inside it (as in Django's setUpTestData), so no
    test sees another's writes and the hundreds of tests here do not each rebuild it."""
    index = tmp_path_factory.mktemp("matching-index")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(PASSWORD_HASHERS=fast, MATCHING_INDEX_DIR=index),
        pytest.MonkeyPatch.context() as mp,
    ):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                headers = _build_world(mp)
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield headers
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_world):
    """{role: request headers}; the matcher's in-process state is rebuilt for every test."""
    from matching.services.index import index_reset_process_state

    index_reset_process_state()
    yield _world
    index_reset_process_state()


_models: dict[str, object] = {}


def _model_of(path: str):
    """The model behind a detail route, from the view that serves it (None if there is none)."""
    if path not in _models:
        try:
            view = getattr(resolve(re.sub(r"{\w+}", "1", path)).func, "cls", None)
        except Resolver404:
            view = None
        serializer = getattr(view, "serializer_class", None)
        queryset = getattr(view, "queryset", None)
        meta = getattr(serializer, "Meta", None)
        _models[path] = queryset.model if queryset is not None else getattr(meta, "model", None)
    return _models[path]


def _aim_at_real_objects(case) -> None:
    """Replace half of the drawn lookup values (deterministically) by keys of existing rows, on
    routes with one path parameter."""
    if len(case.path_parameters or {}) != 1:
        return
    ((name, value),) = case.path_parameters.items()
    if isinstance(value, bool) or not isinstance(value, int | str):
        return
    draw = value if isinstance(value, int) else zlib.crc32(value.encode())
    model = _model_of(case.operation.path)
    if draw <= 0 or draw % 2 or model is None:
        return
    keys = sorted(model._default_manager.values_list("code" if name == "code" else "pk", flat=True))
    if keys:
        case.path_parameters[name] = keys[(draw // 2) % len(keys)]


@pytest.fixture(scope="session")
def tally_dir(tmp_path_factory):
    """The run's directory for every worker's tally: pytest-xdist workers' base temporary
    directories are siblings in one directory new for each run."""
    base = tmp_path_factory.getbasetemp()
    path = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "fuzz-tally"
    path.mkdir(exist_ok=True)
    return path


def _write_tally(tally_dir) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    partial = tally_dir / f".{worker}.json"
    partial.write_text(json.dumps({"sent": SENT, "done": DONE}))
    partial.replace(tally_dir / f"{worker}.json")  # a reader never sees half a file


def _read_tallies(tally_dir, expected_tests: int, timeout: float = 600.0) -> Counter:
    """Requests per role over every worker, once the workers have finished all ``expected_tests``
    fuzz tests (a worker may still be on its last few when this one gets here)."""
    deadline = time.monotonic() + timeout
    while True:
        tallies = [json.loads(f.read_text()) for f in sorted(tally_dir.glob("[!.]*.json"))]
        done = sum(sum(t["done"].values()) for t in tallies)
        if done >= expected_tests:
            return sum((Counter(t["sent"]) for t in tallies), Counter())
        if time.monotonic() > deadline:
            pytest.fail(f"only {done} of {expected_tests} fuzz tests reported within {timeout:.0f} s")
        time.sleep(0.2)


def _fuzz(case, role: str, headers: dict, tally_dir) -> None:
    _aim_at_real_objects(case)
    # Throttle counters live in the cache: without this, login and the calculator would answer
    # 429 after a few examples and the rest would never reach validation (throttles have tests).
    cache.clear()
    _calling_as.append(role)
    try:
        case.call_and_validate(headers=headers[role], checks=CHECKS, excluded_checks=EXCLUDED)
    finally:
        _calling_as.pop()
        DONE[role] += 1
        _write_tally(tally_dir)


# In-process WSGI calls share the test's connection, so the ordinary transactional test DB works.
# One test per role, in this order; the request count at the end of the module runs after them.
@pytest.mark.django_db
@SCHEMAS["anonymous"].parametrize()
@FUZZ
def test_fuzz_as_anonymous(case, world, tally_dir):
    _fuzz(case, "anonymous", world, tally_dir)


@pytest.mark.django_db
@SCHEMAS["seeker"].parametrize()
@FUZZ
def test_fuzz_as_seeker(case, world, tally_dir):
    _fuzz(case, "seeker", world, tally_dir)


@pytest.mark.django_db
@SCHEMAS["employer"].parametrize()
@FUZZ
def test_fuzz_as_employer(case, world, tally_dir):
    _fuzz(case, "employer", world, tally_dir)


@pytest.mark.django_db
@SCHEMAS["auditor"].parametrize()
@FUZZ
def test_fuzz_as_auditor(case, world, tally_dir):
    _fuzz(case, "auditor", world, tally_dir)


# Findings of this fuzzing that are not server errors, pinned (server errors: test_api_input_limits).
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        # "" for everyone but auditors; a read-only ModelSerializer field lost allow_blank, so the
        # schema allowed only hrss/dpf/tax.
        ("seeker", "GET", "/api/v1/auth/me"),
        ("employer", "GET", "/api/v1/auth/me"),
        # education "" until the seeker gives it (the same cause).
        ("seeker", "GET", "/api/v1/me/profile/"),
    ],
)
def test_blank_choices_of_read_only_fields_match_the_schema(world, role, method, path):
    case = schema[path][method].Case()
    response = case.call_and_validate(headers=world[role], checks=CHECKS, excluded_checks=EXCLUDED)
    assert response.status_code == 200


def test_every_operation_has_one_coverage_owner():
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {coverage_owner(operation.label) for operation in operations} == set(ROLES)
    for role in ROLES:
        covered = {
            op.label for op in operations if SCHEMAS[role].config.phases_for(operation=op).coverage.enabled
        }
        assert covered == {op.label for op in operations if coverage_owner(op.label) == role}, role


def test_fuzzing_sent_enough_requests(request, tally_dir):
    """Runs after every fuzz test (pytest-django runs database tests first; with pytest-xdist it
    waits for the other workers' tallies). Skipped only when some fuzz tests were
    deselected (-k, a node id); otherwise every role must have been exercised and the total must
    reach MIN_REQUESTS."""
    operations = sum(1 for _ in schema.get_all_operations())
    assert operations > 0, "the schema has no operations: nothing was fuzzed"
    selected = Counter(
        item.originalname
        for item in request.session.items
        if item.module is request.module and item.originalname.startswith("test_fuzz_as_")
    )
    if selected != {f"test_fuzz_as_{role}": operations for role in ROLES}:
        pytest.skip("only part of the fuzz tests was selected")
    sent = _read_tallies(tally_dir, expected_tests=sum(selected.values()))
    summary = ", ".join(f"{role} {sent[role]}" for role in ROLES)
    # Printed at the end of the run, also from a pytest-xdist worker (tests/conftest.py).
    request.node.user_properties.append(
        ("summary_line", f"schemathesis requests: {summary}; total {sum(sent.values())}")
    )
    assert all(sent[role] >= operations for role in ROLES), summary
    assert sum(sent.values()) >= MIN_REQUESTS, summary
