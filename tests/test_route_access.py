"""Every route is denied by default (style.md §15, security.md "Access").

The test walks Django's URL resolver, fills each pattern's kwargs with objects of ANOTHER tenant
(employer B, seeker B, B's reports, postings, notices, ledger, credit flags, an audit run and a
person outside the auditor's region — tests/route_access/world.py) and sends a GET and an empty
POST as each actor: signed out, seeker A, employer A's HR administrator, an ordinary staff member
of A, an auditor of 沙溪镇 (B is in 城厢镇) and the administrator. What each may get is written
down in tests/route_access/policy.py; a route nobody decided on gets the strict default, so a new
unprotected route fails here, and a route whose kwargs have no mapping fails with a message
saying where to add one.

One test item per URL name (all its patterns) and one for the whole of /admin/. The world
is built once per module, inside a transaction rolled back at the end; each test runs in its own
savepoint, so a POST that changes something is undone before the next route.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import transaction
from django.test import override_settings

from matching.services.index import index_reset_process_state

from .route_access.checker import Browsers, Policy, check_admin, check_routes
from .route_access.policy import FILL
from .route_access.walker import walk
from .route_access.world import ACTORS, MARK, build_world

ROUTES = walk()
BY_NAME: dict[str, list] = defaultdict(list)
for _route in ROUTES:
    if not _route.is_admin:
        BY_NAME[_route.name].append(_route)
ADMIN_ROUTES = [r for r in ROUTES if r.is_admin]

LEAKY_URLS = "tests.route_access.leaky_urls"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Tenants A and B, built once for the module and rolled back after it."""
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MATCHING_INDEX_DIR=tmp_path_factory.mktemp("route-access-index"),
        MATCHING_INDEX_CHECK_SECONDS=0,
        MEDIA_ROOT=tmp_path_factory.mktemp("route-access-media"),  # B's credit-case evidence
    )
    fast.enable()
    index_reset_process_state()
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        index_reset_process_state()
        fast.disable()


@pytest.fixture(scope="module")
def browsers(world, django_db_blocker):
    """A session per actor, made once (inside the module's transaction)."""
    with django_db_blocker.unblock():
        return Browsers(world)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_route_is_denied_to_other_tenants(name, world, browsers, db):
    failures, _sent = check_routes(BY_NAME[name], world, browsers)
    assert not failures, "\n".join(failures)


def test_admin_site_is_for_the_administrator_only(world, browsers, db):
    assert ADMIN_ROUTES
    failures, _sent = check_admin(ADMIN_ROUTES, world, browsers)
    assert not failures, "\n".join(failures)


# --- the test of the test -------------------------------------------------------------------


@pytest.mark.urls(LEAKY_URLS)
def test_an_unprotected_route_is_reported(world, browsers, db):
    """A view that shows anyone employer B's name, added next to the real routes."""
    leaky = [r for r in walk(LEAKY_URLS) if r.name in ("leak", "open-list")]
    assert len(leaky) == 2
    policy = Policy(fill={**FILL, "leak": {"pk": "employer_b"}})

    failures, _sent = check_routes(leaky, world, browsers, policy, urlconf=LEAKY_URLS)

    text = "\n".join(failures)
    for actor in ACTORS[:-1]:  # everyone but the administrator
        assert f"leak as {actor}: GET /leak/{world.employer_b.pk}/" in text
        assert f"open-list as {actor}: GET /open/" in text
    assert f"shows tenant B's data (“{MARK}…”" in text
    assert "expected 403/404/405 (strict default" in text  # open-list leaks nothing, still refused
    assert "expected a redirect to /login/" in text
    assert " as admin:" not in text


@pytest.mark.urls(LEAKY_URLS)
def test_a_kwarg_without_a_mapping_is_reported(world, browsers, db):
    unmapped = [r for r in walk(LEAKY_URLS) if r.name == "leak-unmapped"]

    failures, sent = check_routes(unmapped, world, browsers, urlconf=LEAKY_URLS)

    assert sent == 0
    assert len(failures) == 1
    assert "leak-unmapped (leak/<int:posting_id>/edit/): no value for posting_id" in failures[0]
    assert "add the route to FILL in tests/route_access/policy.py" in failures[0]


def test_every_route_and_actor_is_counted():
    """How much the walk covers (printed with -s); floors catch a walker that finds nothing."""
    api = [r for r in ROUTES if r.is_api]
    pages = [r for r in ROUTES if not r.is_api and not r.is_admin]
    checks = (len(api) + len(pages)) * len(ACTORS) * 2 + len(ADMIN_ROUTES) * (len(ACTORS) * 2 - 1)
    print(
        f"\nroute access: {len(BY_NAME)} URL names, {len(api)} API + {len(pages)} page patterns, "
        f"{len(ADMIN_ROUTES)} admin patterns; {len(ACTORS)} actors; "
        f"{(len(api) + len(pages) + len(ADMIN_ROUTES)) * len(ACTORS)} routes × actors; {checks} requests"
    )
    assert len(BY_NAME) >= 150 and len(api) >= 75 and len(pages) >= 80 and len(ADMIN_ROUTES) >= 150
