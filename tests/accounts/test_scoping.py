"""The one scoped-queryset base (backend/accounts/scoping.py): every model read per user uses it,
its declared paths lead where they say, and what a role does not declare it does not read."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from backend.accounts.choices import Role
from backend.accounts.models import Employer, Person, Region
from backend.accounts.scoping import ScopedQuerySet
from matching.models import JobPosting
from matching.services import posting_close
from quota.models import AuditRun
from registry.models import DataImport
from tests import factories as base
from tests.matching.factories import make_posting

SCOPED_MODELS = [
    model for model in apps.get_models() if hasattr(model._default_manager.get_queryset(), "visible_to")
]


def _target(model, path: str):
    """The model at the end of ``path`` ("" is the model itself), following relations."""
    for part in filter(None, path.split("__")):
        model = model._meta.get_field(part).related_model
    return model


def test_the_scoped_models_are_the_ones_the_code_reads_per_user():
    names = {model._meta.label for model in SCOPED_MODELS}
    # Not a closed list (new models join by using the base); these must be among them.
    assert {
        "accounts.Employer",
        "accounts.Person",
        "quota.QuotaReport",
        "quota.CreditFlag",
        "matching.Application",
        "matching.JobPosting",
        "indicators.TrainingRecord",
    } <= names


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda model: model._meta.label)
def test_every_scoped_model_declares_its_paths_and_does_not_decide_itself(model):
    queryset = type(model._default_manager.get_queryset())
    assert issubclass(queryset, ScopedQuerySet), f"{model._meta.label}: use backend.accounts.scoping"
    overriding = [
        cls.__name__
        for cls in queryset.__mro__[:-1]
        if cls is not ScopedQuerySet and "visible_to" in vars(cls)
    ]
    assert not overriding, f"{overriding} write their own visible_to"
    declared = {
        "person_path": (queryset.person_path, Person),
        "employer_path": (queryset.employer_path, Employer),
        "region_path": (queryset.region_path, Region),
    }
    others = (queryset.service_region_path, queryset.user_path)
    readers = (
        any(path is not None for path, _ in declared.values())
        or any(path is not None for path in others)
        or queryset.auditors_read_all
        or queryset.service_reads_all
        or model._default_manager.get_queryset().public() is not None
    )
    assert readers, "a model nobody but admins reads"
    for name, (path, expected) in declared.items():
        if path is not None:
            assert _target(model, path) is expected, f"{model._meta.label}.{name}={path!r}"


@pytest.mark.django_db
def test_a_role_that_is_not_declared_reads_nothing():
    employer = base.make_employer()
    seeker = base.make_seeker()
    assert Employer.objects.visible_to(seeker).count() == 0
    assert Person.objects.visible_to(base.make_employer_user(employer)).count() == 0
    assert AuditRun.objects.visible_to(base.make_employer_user(employer)).count() == 0


@pytest.mark.django_db
def test_public_rows_and_own_rows_together_come_once_each():
    """An open posting of an employer with three staff: a join through the memberships under OR
    would repeat it three times for its own staff."""
    employer = base.make_employer()
    hr, *others = [base.make_employer_user(employer) for _ in range(3)]
    open_posting = make_posting(employer, hr)
    closed = posting_close(user=hr, posting=make_posting(employer, hr))
    other_employers = make_posting(base.make_employer())

    staff_view = list(JobPosting.objects.visible_to(others[0]).order_by("pk"))
    assert staff_view == [open_posting, closed, other_employers]
    assert list(JobPosting.objects.visible_to(base.make_seeker()).order_by("pk")) == [
        open_posting,
        other_employers,
    ]
    assert list(JobPosting.objects.visible_to(AnonymousUser()).order_by("pk")) == [
        open_posting,
        other_employers,
    ]


@pytest.mark.django_db
def test_an_auditor_with_overlapping_regions_sees_a_run_once():
    from quota.audit.services.run import audit_start

    city = base.make_auditor("320585")
    run = audit_start(data_year=2024, by=city)
    town_and_city = base.make_auditor("320585100")
    town_and_city.regions.add(base.region("320585"))

    assert list(AuditRun.objects.visible_to(town_and_city)) == [run]
    assert AuditRun.objects.visible_to(base.make_auditor("320585101")).count() == 0


@pytest.mark.django_db
def test_city_wide_reference_data_is_read_by_every_auditor_and_nobody_else():
    DataImport.objects.create(kind="certificates", source="核验库.csv", sha256="0" * 64)
    town_auditor = base.make_user(Role.AUDITOR, auditor_kind="dpf")
    assert DataImport.objects.visible_to(town_auditor).count() == 1
    assert DataImport.objects.visible_to(base.make_employer_user()).count() == 0
    assert DataImport.objects.visible_to(base.make_seeker()).count() == 0
