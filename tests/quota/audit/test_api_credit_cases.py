"""The credit process through the API: notice with evidence files (multipart), the employer's
statement and waiver, the decision by a second auditor; files downloaded only within scope."""

import time_machine

from quota.models import CreditCase, CreditFlag

from ..conftest import client_for
from .factories import PDF_BYTES, png_bytes, upload

API = "/api/v1/quota/credit-cases/"


def notice_body(employer, **overrides) -> dict:
    body = {
        "employer": employer.pk,
        "level": "general",
        "reason": "2024年度保障金逾期一年未缴",
        "basis": "太仓市按比例就业信用管理规定第五条",
        "evidence": "缴款通知第12号及催缴记录",
        "files": [upload()],
    }
    body.update(overrides)
    return body


def open_by_api(auditor, employer) -> dict:
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        response = client_for(auditor).post(API, notice_body(employer), format="multipart")
    assert response.status_code == 201, response.data
    return response.data


def test_a_notice_with_evidence_then_statement_waiver_and_a_second_auditors_decision(
    db, employer_a, auditor, reviewer, staff_a
):
    case = open_by_api(auditor, employer_a)
    assert (case["status"], case["notified_on"], case["statement_due"], case["statement_days"]) == (
        "notified",
        "2026-03-01",
        "2026-03-16",
        15,
    )
    assert [(a["name"], a["content_type"], a["size"]) for a in case["attachments"]] == [
        ("缴款通知.pdf", "application/pdf", len(PDF_BYTES))
    ]
    assert case["attachments"][0]["download"] == f"{API}{case['id']}/files/{case['attachments'][0]['id']}/"
    assert not CreditFlag.objects.exists()
    staff = client_for(staff_a)
    with time_machine.travel("2026-03-05 09:00 +0800", tick=False):
        stated = staff.post(
            f"{API}{case['id']}/statement/",
            {"text": "已缴清，附回单", "files": [upload("回单.png", png_bytes(), "image/png")]},
            format="multipart",
        )
        assert stated.status_code == 201, stated.data
        assert [s["text"] for s in stated.data["statements"]] == ["已缴清，附回单"]
        early = client_for(reviewer).post(
            f"{API}{case['id']}/decide/",
            {"decision": "flag", "reason": "x", "start_date": "2026-03-05"},
            format="json",
        )
        assert early.status_code == 400 and "decision" in early.data["errors"]
        waived = staff.post(f"{API}{case['id']}/waive/")
        assert waived.status_code == 200 and waived.data["ready_to_decide"] is True
        own = client_for(auditor).post(
            f"{API}{case['id']}/decide/",
            {"decision": "flag", "reason": "x", "start_date": "2026-03-05"},
            format="json",
        )
        assert own.status_code == 403 and own.data["detail"].startswith("失信认定须由另一名审核人员复核")
        decided = client_for(reviewer).post(
            f"{API}{case['id']}/decide/",
            {"decision": "flag", "reason": "回单为认定后补缴，事实成立", "start_date": "2026-03-05"},
            format="json",
        )
    assert decided.status_code == 200, decided.data
    flag = CreditFlag.objects.get()
    assert (decided.data["status"], decided.data["flag"], flag.case_id) == ("flagged", flag.pk, case["id"])
    listed = client_for(auditor).get("/api/v1/quota/credit-flags/").data["results"]
    assert [(row["id"], row["case"], row["status"]) for row in listed] == [(flag.pk, case["id"], "active")]


def test_evidence_is_downloaded_only_within_scope(
    db, employer_a, auditor, staff_a, staff_b, outside_auditor, admin_user, seeker
):
    case = open_by_api(auditor, employer_a)
    url = case["attachments"][0]["download"]
    for user in (auditor, staff_a, admin_user):
        response = client_for(user).get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert (response["Cache-Control"], response["X-Content-Type-Options"]) == ("no-store", "nosniff")
    for user in (staff_b, outside_auditor):
        response = client_for(user).get(url)
        assert response.status_code == 404 and b"%PDF" not in response.content
        assert client_for(user).get(f"{API}{case['id']}/").status_code == 404
    assert client_for(seeker).get(url).status_code == 403
    assert client_for(staff_a).get(f"{API}{case['id']}/files/999999/").status_code == 404
    assert client_for(staff_b).get(API).data["count"] == 0


def test_only_the_notified_employer_answers_and_only_auditors_notice(
    db, employer_a, employer_b, auditor, staff_a, staff_b, admin_user
):
    case = open_by_api(auditor, employer_a)
    statement = {"text": "冒充陈述"}
    assert client_for(staff_b).post(f"{API}{case['id']}/statement/", statement).status_code == 404
    assert client_for(staff_b).post(f"{API}{case['id']}/waive/").status_code == 404
    for user in (auditor, admin_user):
        assert client_for(user).post(f"{API}{case['id']}/statement/", statement).status_code == 403
        assert client_for(user).post(f"{API}{case['id']}/waive/").status_code == 403
    for user in (staff_a, admin_user):
        response = client_for(user).post(API, notice_body(employer_a), format="multipart")
        assert response.status_code == 403
    assert CreditCase.objects.get().statements.count() == 0


def test_bad_files_and_missing_fields_are_400_naming_the_field(db, employer_a, auditor):
    client = client_for(auditor)
    fake = client.post(
        API, notice_body(employer_a, files=[upload("通知.pdf", b"MZ\x90\x00 not a pdf")]), format="multipart"
    )
    assert fake.status_code == 400
    assert fake.data["errors"] == {"files": ["文件“通知.pdf”不是PDF、JPG或PNG文件，请转换后上传"]}
    no_file = client.post(
        API, {k: v for k, v in notice_body(employer_a).items() if k != "files"}, format="multipart"
    )
    assert no_file.status_code == 400 and "files" in no_file.data["errors"]
    as_json = client.post(
        API, {k: v for k, v in notice_body(employer_a).items() if k != "files"}, format="json"
    )
    assert as_json.status_code == 400 and "files" in as_json.data["errors"]
    blank = client.post(API, notice_body(employer_a, basis=""), format="multipart")
    assert blank.status_code == 400 and "basis" in blank.data["errors"]
    assert not CreditCase.objects.exists()
