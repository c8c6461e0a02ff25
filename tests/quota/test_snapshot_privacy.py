"""A report's per-line disability category and grade (个人信息保护法 第二十八条): sealed in the
approval snapshot, shaped by role in previews and snapshots, and every read logged."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backend.accounts.crypto import DecryptionError, cipher
from backend.accounts.models import AccessLog
from quota.models import ReportSnapshot
from quota.services import report_approve, report_submit
from quota.services.report_figures import report_figures

from .conftest import client_for
from .factories import make_line, make_person, make_report

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/quota/reports"


@pytest.fixture
def hearing():
    return make_person(category=2, grade=1, name="听力职工")


@pytest.fixture
def draft(employer_a, staff_a, hearing):
    report = make_report(employer_a, by=staff_a)
    make_line(report, hearing)
    return report


@pytest.fixture
def approved(draft, staff_a, auditor):
    return report_approve(report=report_submit(report=draft, by=staff_a), by=auditor)


def _stored_row(report) -> str:
    """The snapshot row as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inputs, result, steps, lines_enc FROM quota_reportsnapshot WHERE report_id = %s",
            [report.pk],
        )
        return " ".join(str(value) for value in cursor.fetchone())


def test_snapshot_stores_no_plaintext_category_grade_or_named_lines(approved, hearing):
    stored = _stored_row(approved)

    for leak in ('"category"', '"grade"', '"category_name"', "听力", '"roster"', '"person_id"'):
        assert leak not in stored
    sealed = ReportSnapshot.objects.get(report=approved).open_lines()
    assert sealed["lines"][0]["category"] == 2 and sealed["lines"][0]["grade"] == 1
    assert sealed["roster"][0]["person_id"] == hearing.pk


def test_sealed_lines_do_not_open_in_another_report(approved, employer_b, auditor):
    snapshot = ReportSnapshot.objects.get(report=approved)
    other = make_report(employer_b)
    with pytest.raises(DecryptionError):
        cipher().decrypt(snapshot.lines_enc, ReportSnapshot.aad(other.pk))


def test_auditor_reading_the_snapshot_sees_category_and_grade_and_each_read_is_logged(
    approved, auditor, hearing
):
    response = client_for(auditor).get(f"{REPORTS}/{approved.pk}")

    line = response.json()["snapshot"]["lines"][0]
    assert (line["category"], line["grade"], line["counted"]) == (2, 1, True)
    log = AccessLog.objects.get(person=hearing)
    assert (log.actor, log.purpose, log.field) == (auditor, "audit", "disability")


def test_employer_sees_the_grade_but_not_the_category_of_its_own_lines_logged(draft, staff_a, hearing):
    preview = client_for(staff_a).get(f"{REPORTS}/{draft.pk}/preview").json()

    line = preview["lines"][0]
    assert line["grade"] == 1 and line["weight"] == 2
    assert line["category"] is None and line["category_name"] == ""
    assert AccessLog.objects.filter(person=hearing, actor=staff_a, purpose="audit").count() == 1


def test_administrator_sees_neither_and_is_logged_all_the_same(approved, admin_user, hearing):
    body = client_for(admin_user).get(f"{REPORTS}/{approved.pk}").json()

    line = body["snapshot"]["lines"][0]
    assert line["category"] is None and line["grade"] is None and line["counted"] is True
    assert "听力" not in json.dumps(body, ensure_ascii=False)
    log = AccessLog.objects.get(person=hearing)  # the weight (2) still tells 一二级
    assert (log.actor, log.purpose) == (admin_user, "administration")


def test_preview_page_shows_the_grade_without_the_category_and_logs_the_read(client, draft, staff_a, hearing):
    client.force_login(staff_a)

    html = client.get(f"/employer/quota/{draft.pk}/preview/").content.decode()

    assert "听力职工" in html and "1级（按2人计）" in html
    assert "听力1级" not in html
    assert AccessLog.objects.filter(person=hearing, actor=staff_a).count() == 1


def test_step_pages_without_roster_lines_read_nobody_s_disability(client, draft, staff_a):
    client.force_login(staff_a)
    assert client.get(f"/employer/quota/{draft.pk}/wages/").status_code == 200
    assert not AccessLog.objects.exists()


def test_report_figures_without_disability_hide_category_and_grade_and_log_nothing(approved, auditor):
    figures = report_figures(report=approved, user=auditor, disability=False)
    assert figures["lines"][0]["category"] is None and figures["lines"][0]["grade"] is None
    assert figures["levy_due"] == approved.snapshot.result["levy_due"]
    assert not AccessLog.objects.exists()


def test_migration_seals_the_lines_of_existing_snapshots(employer_a):
    """0006 moves inputs["roster"] and result["lines"] of a snapshot written before it into the
    ciphertext (through the historical model: the real one refuses updates)."""
    report = make_report(employer_a)
    old = {"line_id": "1", "category": 2, "category_name": "听力", "grade": 1, "counted": True}
    roster = [{"line_id": "1", "person_id": 7}]
    with connection.cursor() as cursor:  # a snapshot as 0005 left it
        cursor.execute(
            "INSERT INTO quota_reportsnapshot (report_id, inputs, policy, result, steps, lines_enc, created_at)"
            " VALUES (%s, %s, %s, %s, %s, '', CURRENT_TIMESTAMP)",
            [
                report.pk,
                json.dumps({"total_wages": "1.00", "roster": roster}),
                "{}",
                json.dumps({"levy_due": "0.00", "lines": [old]}),
                "[]",
            ],
        )
    executor = MigrationExecutor(connection)
    apps = executor.loader.project_state(("quota", "0006_snapshot_lines_encrypted")).apps
    migration = executor.loader.get_migration("quota", "0006_snapshot_lines_encrypted")
    seal = next(op for op in migration.operations if hasattr(op, "code")).code

    seal(apps, None)

    snapshot = ReportSnapshot.objects.get(report=report)
    assert snapshot.inputs == {"total_wages": "1.00"} and snapshot.result == {"levy_due": "0.00"}
    assert snapshot.open_lines() == {"roster": roster, "lines": [old]}
