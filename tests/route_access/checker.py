"""Send every route's concrete URL as every actor and judge the answers against the policy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

from . import policy as decisions
from .walker import Route, concrete_url
from .world import ADMIN, ANON, MARK

LEAK = (MARK.encode(), json.dumps(MARK)[1:-1].encode())  # as text, and as JSON's \uXXXX escapes
DENIED = (403, 404, 405)


@dataclass(frozen=True)
class Policy:
    public: frozenset = decisions.PUBLIC
    own_scope: dict = field(default_factory=lambda: decisions.OWN_SCOPE)
    fill: dict = field(default_factory=lambda: decisions.FILL)
    query: dict = field(default_factory=lambda: decisions.QUERY)


def route_url(route: Route, world, policy: Policy, *, urlconf: str | None = None) -> tuple[str | None, str]:
    """The route's URL with tenant B's objects in its kwargs, or None and what mapping is missing."""
    mapping = policy.fill.get(route.name, {})
    values, missing = {}, []
    for name in route.kwargs:
        spec = mapping.get(name)
        if spec is None:
            missing.append(name)
        else:
            values[name] = spec(world) if callable(spec) else getattr(world, spec).pk
    if missing:
        return None, (
            f"{route.name} ({route.route}): no value for {', '.join(missing)} — add the route to FILL "
            "in tests/route_access/policy.py with tenant B's object it is about (and decide who may "
            "use it in PUBLIC / OWN_SCOPE)"
        )
    url = concrete_url(route, values, urlconf=urlconf)
    query = policy.query.get(route.name)
    return (f"{url}?{query.format(year=world.data_year)}" if query else url), ""


class Browsers:
    """One signed-in session per actor, made once per module, and fresh clients that use them.

    Fresh clients per route: a POST to a logout route must not sign out the next request. They
    share one request handler, because each new handler loads the middleware again (WhiteNoise
    then scans every static file: most of the run time otherwise).
    """

    def __init__(self, world):
        self.handler = None
        self.sessions: dict[str, str | None] = {}
        for actor, user in world.actors().items():
            client = Client()
            if user is not None:
                client.force_login(user)
            self.sessions[actor] = client.session.session_key if user is not None else None

    def fresh(self) -> dict[str, Client]:
        clients = {}
        for actor, key in self.sessions.items():
            # CSRF checks off, as for every Django test client; a view's exception becomes a 500.
            client = Client(raise_request_exception=False)
            if self.handler is None:
                self.handler = client.handler
            client.handler = self.handler
            if key is not None:
                client.cookies[settings.SESSION_COOKIE_NAME] = key
            clients[actor] = client
        return clients


def send(client: Client, method: str, url: str, *, api: bool):
    if method == "GET":
        return client.get(url)
    if api:
        return client.post(url, data=b"", content_type="application/json")
    return client.post(url)  # an empty form


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _json_detail(response, content: bytes) -> bool:
    if "json" not in response.get("Content-Type", ""):
        return False
    try:
        return "detail" in json.loads(content)
    except ValueError:
        return False


def server_error(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    cause = f": {exc_info[0].__name__}: {exc_info[1]}" if exc_info else ""
    return f"server error {response.status_code}{cause}"


def judge(route: Route, actor: str, response, content: bytes, policy: Policy) -> str:
    """What is wrong with ``response`` ('' if nothing)."""
    status = response.status_code
    if status >= 500:
        return server_error(response)
    if actor != ADMIN and any(mark in content for mark in LEAK):
        return f"{status} shows tenant B's data (“{MARK}…” in the body)"
    if route.name in policy.public or actor == ADMIN:
        return ""  # public routes and the administrator: any answer but a 5xx or a leak
    location = response.get("Location", "")
    if actor == ANON:
        if route.is_api:
            if status != 401:
                return f"{status}, expected 401 for a signed-out API client"
            if not _json_detail(response, content):
                return "401 without a JSON 'detail'"
            return ""
        if status != 302 or not location.startswith("/login/?next="):
            return f"{status} {location}, expected a redirect to /login/?next=…"
        return ""
    if actor in policy.own_scope.get(route.name, ()):
        return ""  # within the actor's own scope; the leak check above is what matters here
    if status not in DENIED:
        return (
            f"{status} {location}".strip()
            + ", expected 403/404/405 (strict default: not decided in policy.py)"
        )
    if route.is_api:
        if not _json_detail(response, content):
            return f"{status} without a JSON 'detail'"
    elif status in (403, 404) and b'lang="zh-CN"' not in content:
        # handler403/handler404 in backend/urls.py answer with the site's Chinese error page.
        return f'{status} page is not the Chinese error page (no lang="zh-CN")'
    return ""


def check_routes(
    routes: list[Route],
    world,
    browsers: Browsers,
    policy: Policy | None = None,
    *,
    urlconf: str | None = None,
) -> tuple[list[str], int]:
    """Every route × actor × (GET, POST); returns the failures and the number of requests."""
    policy = policy or Policy()
    failures: list[str] = []
    sent = 0
    for route in routes:
        url, problem = route_url(route, world, policy, urlconf=urlconf)
        if url is None:
            failures.append(problem)
            continue
        for actor, client in browsers.fresh().items():
            for method in ("GET", "POST"):
                response = send(client, method, url, api=route.is_api)
                sent += 1
                problem = judge(route, actor, response, body(response), policy)
                if problem:
                    failures.append(f"{route.name} as {actor}: {method} {url} → {problem}")
    return failures, sent


# --- /admin/: one group. Django's admin requires is_staff for everything but its login page, so
# every non-staff actor must be sent to the admin login. The administrator gets the index, the
# app pages and every changelist (200); elsewhere the admin may say 403 (read-only models have no
# add or delete), redirect within /admin/ (a row that does not exist), 404 or 405 — never a 5xx.
ADMIN_PUBLIC = frozenset({"admin:login"})
ADMIN_PAGES = ("admin:index", "admin:app_list")


def _admin_model(route: Route):
    """The model of an admin URL (admin/<app_label>/<model_name>/…), or None."""
    from django.apps import apps

    parts = route.route.split("/")
    if len(parts) > 3:
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None
    return None


def _history_id(obj) -> int:
    history = getattr(obj, "history", None)
    latest = history.order_by("-history_id").first() if history is not None else None
    return latest.history_id if latest is not None else 0


def admin_url(route: Route, world) -> tuple[str | None, str]:
    from django.contrib.contenttypes.models import ContentType

    model = _admin_model(route)
    # B's object of the model if there is one, else any row; none at all: the admin says so.
    b_objects = {}
    for value in world.tenant_b():
        b_objects.setdefault(type(value), value)
    obj = b_objects.get(model) or (model._default_manager.order_by("pk").first() if model else None)
    values = {
        "object_id": obj.pk if obj is not None else 0,
        "id": obj.pk if obj is not None else 0,  # admin/accounts/user/<id>/password/
        "pk": obj.pk if obj is not None else 0,  # extra views of an app's admin (otp_totp …/config/)
        "content_type_id": ContentType.objects.get_for_model(world.employer_b).pk,
        "app_label": "quota",
        "url": "no-such-page/",
        # simple_history's admin/<app>/<model>/<object_id>/history/<history_id>/ (positional)
        "_0": obj.pk if obj is not None else 0,
        "_1": _history_id(obj),
    }
    if route.name == "admin:view_on_site":
        values["object_id"] = world.employer_b.pk
    missing = [name for name in route.kwargs if name not in values]
    if missing:
        return None, f"{route.name} ({route.route}): no value for {', '.join(missing)} — extend admin_url()"
    return concrete_url(route, {k: values[k] for k in route.kwargs}), ""


def judge_admin(route: Route, actor: str, response) -> str:
    status = response.status_code
    if status >= 500:
        return server_error(response)
    location = response.get("Location", "")
    if actor == ADMIN:
        if (route.name in ADMIN_PAGES or route.name.endswith("_changelist")) and status != 200:
            return f"{status} {location}".strip() + ", expected 200 for the administrator"
        if status not in (200, 302, 403, 404, 405) or (status == 302 and not location.startswith("/admin/")):
            return f"{status} {location}, expected an answer within the admin"
        return ""
    if route.name in ADMIN_PUBLIC:
        return ""
    # Django sends a non-staff user's admin/logout/ to the admin index (which sends them to login).
    expected = "/admin/" if route.name == "admin:logout" else "/admin/login/"
    if status != 302 or not location.startswith(expected):
        return f"{status} {location}, expected a redirect to {expected}"
    return ""


def check_admin(routes: list[Route], world, browsers: Browsers) -> tuple[list[str], int]:
    failures: list[str] = []
    sent = 0
    clients = browsers.fresh()
    for route in routes:
        url, problem = admin_url(route, world)
        if url is None:
            failures.append(problem)
            continue
        for actor, client in clients.items():
            # The administrator only reads: an empty POST to admin/logout/ would sign them out.
            for method in ("GET",) if actor == ADMIN else ("GET", "POST"):
                response = send(client, method, url, api=False)
                sent += 1
                problem = judge_admin(route, actor, response)
                if problem:
                    failures.append(f"{route.name} as {actor}: {method} {url} → {problem}")
    return failures, sent
