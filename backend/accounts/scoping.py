"""Which rows a user may read: one queryset base for every model that is read per user.

Before this module each model wrote its own ``visible_to`` (twelve of them), each repeating the
same role switch; a new model copied one and a forgotten branch showed rows to the wrong role.
Now a model's queryset only *declares* how its rows reach each role, and ``visible_to`` here
decides for all of them:

* ``person_path`` — the path to the Person a row is about ("" for Person itself): a job-seeker
  reads the rows about their own person record;
* ``employer_path`` — the path to the Employer a row belongs to ("" for Employer itself):
  employer staff read the rows of the employers they are members of;
* ``region_path`` — the path to a Region: an auditor reads the rows whose region lies in one
  of the auditor's regions (``auditor_reads`` may narrow which auditors);
* ``service_region_path`` — the path to a Region for the 就业服务专员 (issue 15): service staff
  read the rows whose region lies in one of their regions. Separate from ``region_path`` on
  purpose: service is not audit, so a model auditors read is not thereby read by service staff;
* ``service_reads_all`` — city-wide reference data the 就业服务专员 answer for (the title aliases
  employers taught the occupation coder): every service staff member reads all of it;
* ``user_path`` — the path to the User account that made a row (a 手语视频 booking): its maker
  reads it, whatever their role;
* ``public()`` — rows everyone, signed in or not, may read (open job postings);
* administrators read everything (security.md: administrators see all, and their reads of
  sensitive fields are logged where the fields are read).

A role with no declared path reads nothing but the public rows — deny by default, as the
route-access test does for URLs (tests/test_route_access.py). The predicates of who is who
come from ``backend.accounts.permissions``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .choices import Role


def _join(path: str, rest: str) -> str:
    return f"{path}__{rest}" if path else rest


def region_scope_q(user, path_field: str) -> Q:
    """Q matching rows whose region path lies in one of the auditor's regions."""
    q = Q(pk__in=[])
    for path in user.regions.values_list("path", flat=True):
        q |= Q(**{f"{path_field}__startswith": path})
    return q


class ScopedQuerySet(models.QuerySet):
    person_path: str | None = None
    employer_path: str | None = None
    region_path: str | None = None
    # The region path crosses a many-to-many relation (an audit run's regions): an auditor with
    # several regions would see a row once per matching region without DISTINCT.
    region_path_is_many = False
    service_region_path: str | None = None
    # City-wide reference data with no tenant (the 残疾人证 registry extract, insurance records):
    # every auditor reads all of it, nobody else does.
    auditors_read_all = False
    # City-wide reference data the service staff keep (learned title aliases): every 就业服务专员
    # reads all of it.
    service_reads_all = False
    user_path: str | None = None

    def public(self) -> Q | None:
        """Rows anyone may read; None: no row is public."""
        return None

    def auditor_reads(self, user) -> bool:
        """Whether this auditor reads the model at all (in their regions)."""
        return True

    def role_q(self, user) -> Q | None:
        """The rows of the declared path for the user's role, and the user's own rows where the
        model has a maker (``user_path``); None: the user reads none."""
        q = self._role_rows(user)
        # An empty Q is "every row" (an auditor of city-wide data): OR-ing it would narrow it.
        if self.user_path is None or (q is not None and not q):
            return q
        mine = Q(**{self.user_path: user})
        return mine if q is None else q | mine

    def _role_rows(self, user) -> Q | None:
        if user.role == Role.SEEKER and self.person_path is not None:
            if not user.person_id:
                return None
            return Q(**{_join(self.person_path, "pk"): user.person_id})
        if user.role == Role.EMPLOYER and self.employer_path is not None:
            # EmployerMembership is unique per (user, employer): this join adds no duplicates.
            return Q(**{_join(self.employer_path, "memberships__user"): user})
        if user.role == Role.AUDITOR and self.auditors_read_all:
            return Q()
        if user.role == Role.AUDITOR and self.region_path is not None and self.auditor_reads(user):
            return region_scope_q(user, _join(self.region_path, "path"))
        if user.role == Role.SERVICE and self.service_reads_all:
            return Q()
        if user.role == Role.SERVICE and self.service_region_path is not None:
            return region_scope_q(user, _join(self.service_region_path, "path"))
        return None

    def visible_to(self, user):
        public = self.public()
        if not user or not user.is_authenticated:
            return self.filter(public) if public is not None else self.none()
        if user.role == Role.ADMIN:
            return self
        own = self.role_q(user)
        if own is None:
            return self.filter(public) if public is not None else self.none()
        many = self.region_path_is_many and user.role == Role.AUDITOR
        if public is None and not many:
            return self.filter(own)
        # Under OR (or through a many-to-many) the joins of ``own`` would repeat rows: select
        # the user's own rows by key instead, so no DISTINCT is needed.
        own = Q(pk__in=self.model._base_manager.filter(own).values("pk"))
        return self.filter(own if public is None else public | own)
