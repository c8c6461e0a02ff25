"""Every URL pattern of a urlconf, with its converters, and a concrete URL for given kwargs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One leaf pattern: ``name`` is the (namespaced) URL name, or the route text if unnamed."""

    name: str
    route: str
    parts: tuple  # the pattern objects from the root to the leaf
    callback: object

    @property
    def kwargs(self) -> tuple[str, ...]:
        names: list[str] = []
        for part in self.parts:
            if isinstance(part, RoutePattern):
                names += [m["name"] for m in _PARAM.finditer(str(part))]
            else:  # named groups, or normalize()'s "_0", "_1"… for positional ones
                names += normalize(part.regex.pattern)[0][1]
        return tuple(dict.fromkeys(names))

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def walk(urlconf: str | None = None) -> list[Route]:
    """All leaf patterns of ``urlconf`` (default: ROOT_URLCONF), depth first, in urlconf order."""
    out: list[Route] = []

    def visit(resolver: URLResolver, parts: tuple, namespace: str) -> None:
        for entry in resolver.url_patterns:
            here = (*parts, entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                visit(entry, here, inner)
            elif isinstance(entry, URLPattern):
                route = "".join(str(p) for p in here)
                name = f"{namespace}{entry.name}" if entry.name else route
                out.append(Route(name=name, route=route, parts=here, callback=entry.callback))

    visit(get_resolver(urlconf), (), "")
    return out


def _segment(part, values: dict) -> str:
    if isinstance(part, RoutePattern):
        converters = part.converters

        def fill(match):
            name = match["name"]
            return str(converters[name].to_url(values[name]))

        return _PARAM.sub(fill, str(part))
    assert isinstance(part, RegexPattern), part
    # normalize() turns a regex into format strings; the first is the shortest URL it matches
    # (an optional "/?" left out), which is what DRF's routers accept.
    template, params = normalize(part.regex.pattern)[0]
    return template % {name: str(values[name]) for name in params}


def concrete_url(route: Route, values: dict, *, urlconf: str | None = None) -> str:
    """The path of ``route`` with ``values`` filled in; it must resolve back to the same view."""
    path = "/" + "".join(_segment(part, values) for part in route.parts)
    match = resolve(path, urlconf)
    assert match.func == route.callback, f"{path} resolves to {match.view_name}, not {route.name}"
    return path
