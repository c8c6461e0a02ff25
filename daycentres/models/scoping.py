"""Scoped querysets: auditors and 就业服务专员 read the rows of their regions, administrators all
(each declares the same path for both roles; backend.accounts.scoping decides)."""

from backend.accounts.scoping import ScopedQuerySet


class CentreQuerySet(ScopedQuerySet):
    region_path = service_region_path = "region"


class CentreChildQuerySet(ScopedQuerySet):
    region_path = service_region_path = "centre__region"


class MembershipQuerySet(CentreChildQuerySet):
    def indicator_counts(self) -> dict[str, int]:
        """The dashboard's figure (issue 15 indicators): members on the roll today."""
        return {"在册成员": self.filter(left_on__isnull=True).count()}


class OrderChildQuerySet(ScopedQuerySet):
    region_path = service_region_path = "order__centre__region"


class ApplicationQuerySet(ScopedQuerySet):
    """The applicant reads their own; auditors and service staff of the person's region."""

    person_path = "person"
    region_path = service_region_path = "person__region"
