"""Scoped querysets: auditors and 就业服务专员 read the rows of their regions, administrators all."""

from backend.accounts.choices import Role
from backend.accounts.scoping import ScopedQuerySet, region_scope_q


class ServiceRegionQuerySet(ScopedQuerySet):
    """``region_path`` reaches a Region; service staff read it like auditors (their regions)."""

    def role_q(self, user):
        if user.role == Role.SERVICE and self.region_path is not None:
            return region_scope_q(user, f"{self.region_path}__path")
        return super().role_q(user)


class CentreQuerySet(ServiceRegionQuerySet):
    region_path = "region"


class CentreChildQuerySet(ServiceRegionQuerySet):
    region_path = "centre__region"


class OrderChildQuerySet(ServiceRegionQuerySet):
    region_path = "order__centre__region"


class ApplicationQuerySet(ServiceRegionQuerySet):
    """The applicant reads their own; auditors and service staff of the person's region."""

    person_path = "person"
    region_path = "person__region"
