"""The credit process through the pages: the notice with evidence files, the employer's 陈述申辩
(or waiver), the decision by a second auditor; then objections, 撤销 / 信用修复 with four eyes,
the list and its export; and each employer sees only its own cases, files and flags (BOLA)."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from quota.models import CreditAttachment, CreditCase, CreditFlag
from tests.quota.audit.factories import PDF_BYTES, png_bytes, upload

from .conftest import signed_in


def notice_form(scene, **overrides) -> dict:
    data = {
        "employer": scene.employer_c.pk,
        "level": "serious",
        "reason": "两名残疾职工挂名",
        "basis": "发改价格规〔2019〕2015号",
        "evidence": "2025年度核查发现",
        "files": [upload("核查记录.pdf"), upload("现场照片.png", png_bytes(), "image/png")],
    }
    data.update(overrides)
    return data


def test_noticing_an_employer_uploads_the_evidence_and_lists_no_flag(scene):
    client = signed_in(scene.auditor)
    body = client.get(f"/auditor/credit/new/?employer={scene.employer_c.pk}").content.decode()
    assert f'<option value="{scene.employer_c.pk}" selected>' in body

    response = client.post("/auditor/credit/new/", notice_form(scene))

    case = CreditCase.objects.get(employer=scene.employer_c)
    assert response["Location"] == f"/auditor/credit/cases/{case.pk}/"
    today = timezone.localdate()
    assert (case.level, case.status, case.opened_by, case.notified_on, case.statement_due) == (
        "serious",
        "notified",
        scene.auditor,
        today,
        today + timedelta(days=15),
    )
    assert sorted(case.attachments.values_list("name", "content_type")) == [
        ("核查记录.pdf", "application/pdf"),
        ("现场照片.png", "image/png"),
    ]
    assert not CreditFlag.objects.filter(employer=scene.employer_c).exists()
    page = client.get(response["Location"]).content.decode()
    assert "已告知太仓丙服装有限公司：陈述申辩期至" in page and "核查记录.pdf" in page


def test_a_notice_without_a_reason_or_files_is_an_error_that_keeps_the_other_answers(scene):
    response = signed_in(scene.auditor).post("/auditor/credit/new/", notice_form(scene, reason="", files=[]))
    body = response.content.decode()
    assert "<title>错误：" in body and '<a href="#id_reason">拟认定的事由：请填写拟认定的事由</a>' in body
    assert "请上传至少一个证据材料（PDF、JPG或PNG文件）" in body
    assert (
        "2025年度核查发现</textarea>" in body and 'value="serious" id="id_level_1" required checked' in body
    )
    assert not CreditCase.objects.filter(employer=scene.employer_c).exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_naming_it(scene):
    response = signed_in(scene.auditor).post(
        "/auditor/credit/new/", notice_form(scene, files=[upload("通知.pdf", b"GIF89a....")])
    )
    assert "文件“通知.pdf”不是PDF、JPG或PNG文件，请转换后上传" in response.content.decode()
    assert not CreditCase.objects.filter(employer=scene.employer_c).exists()
    assert CreditAttachment.objects.count() == 3  # the scene's own evidence only


def test_the_employer_states_its_case_with_an_attachment_and_downloads_the_evidence(scene):
    staff = signed_in(scene.staff_a)
    body = staff.get("/employer/credit/").content.decode()
    assert "拟认定严重失信" in body and "陈述申辩期内" in body and "放弃陈述申辩" in body
    evidence = scene.case.attachments.get()
    download = staff.get(f"/credit/files/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert (
        download["Content-Disposition"].startswith("attachment;") and download["Cache-Control"] == "no-store"
    )
    url = f"/employer/credit/cases/{scene.case.pk}/statement/"
    assert "请填写陈述申辩内容" in staff.post(url, {"text": ""}).content.decode()

    response = staff.post(
        url, {"text": "挂靠人员已于2025年9月离职", "files": [upload("离职证明.png", png_bytes())]}
    )

    assert response.status_code == 302
    statement = scene.case.statements.get()
    assert (statement.text, statement.submitted_by) == ("挂靠人员已于2025年9月离职", scene.staff_a)
    assert [a.name for a in statement.attachments.all()] == ["离职证明.png"]
    auditor_page = signed_in(scene.auditor).get(f"/auditor/credit/cases/{scene.case.pk}/").content.decode()
    assert "挂靠人员已于2025年9月离职" in auditor_page and "离职证明.png" in auditor_page


def test_another_employer_sees_neither_the_notice_nor_its_files(scene):
    staff = signed_in(scene.staff_b)
    assert "两家单位计入" not in staff.get("/employer/credit/").content.decode()
    evidence = scene.case.attachments.get()
    assert staff.get(f"/credit/files/{evidence.pk}/").status_code == 404
    assert staff.get(f"/employer/credit/cases/{scene.case.pk}/statement/").status_code == 404
    response = staff.post(f"/employer/credit/cases/{scene.case.pk}/statement/", {"text": "冒充"})
    assert response.status_code == 404 and not scene.case.statements.exists()
    assert signed_in(scene.seeker).get(f"/credit/files/{evidence.pk}/").status_code == 404
    assert signed_in(scene.other_auditor).get(f"/credit/files/{evidence.pk}/").status_code == 404


def test_the_employers_administrator_waives_and_the_case_is_ready(scene):
    staff = signed_in(scene.staff_a)
    url = f"/employer/credit/cases/{scene.case.pk}/waive/"
    assert "请勾选确认后再提交" in staff.post(url, {}).content.decode()
    assert staff.post(url, {"confirm": "on"}).status_code == 302
    case = CreditCase.objects.get(pk=scene.case.pk)
    assert (case.waived_by, case.ready_to_decide(timezone.localdate())) == (scene.staff_a, True)
    body = staff.get(f"/employer/credit/cases/{scene.case.pk}/statement/").content.decode()
    assert "本单位已放弃陈述申辩" in body and 'name="text"' not in body


def test_a_decision_waits_for_the_period_and_for_a_second_auditor(scene):
    during = signed_in(scene.auditor).get(f"/auditor/credit/cases/{scene.case.pk}/decide/").content.decode()
    assert "期满或单位放弃陈述申辩后才能作出决定" in during and 'name="decision"' not in during
    url = f"/auditor/credit/cases/{scene.ready_case.pk}/decide/"
    opener = signed_in(scene.auditor2)  # noticed the case: may not decide it
    assert "失信认定须由另一名审核人员复核，提出人不能自己批准" in opener.get(url).content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert opener.post(url, {"decision": "flag", "reason": "x", "start_date": today}).status_code == 200
    assert CreditCase.objects.get(pk=scene.ready_case.pk).status == "notified"
    auditor = signed_in(scene.auditor)
    body = auditor.post(
        url, {"decision": "flag", "reason": "事实清楚", "start_date": "2000-01-01"}
    ).content.decode()
    assert "起始日期不能早于作出决定的日期（今天）" in body

    response = auditor.post(
        url, {"decision": "flag", "reason": "单位放弃陈述申辩，事实清楚", "start_date": today}
    )

    assert response["Location"] == f"/auditor/credit/cases/{scene.ready_case.pk}/"
    flag = CreditFlag.objects.get(case=scene.ready_case)
    assert (flag.employer, flag.status, flag.decided_by, f"{flag.start_date:%Y-%m-%d}") == (
        scene.employer_b,
        "active",
        scene.auditor,
        today,
    )
    assert "共找到 2 条失信记录" in auditor.get("/auditor/credit/").content.decode()


def test_the_employer_objects_and_the_auditor_rejects_the_objection(scene):
    staff = signed_in(scene.staff_b)
    body = staff.get("/employer/credit/").content.decode()
    assert "2024年度保障金逾期一年未缴" in body and "提出异议" in body
    url = f"/employer/credit/{scene.flag.pk}/objection/"
    assert "请填写异议内容" in staff.post(url, {"text": ""}).content.decode()
    assert staff.post(url, {"text": "已于2025年12月缴清，附回单"}).status_code == 302
    assert CreditFlag.objects.get(pk=scene.flag.pk).status == "objected"
    auditor = signed_in(scene.auditor)
    assert "处理异议" in auditor.get(f"/auditor/credit/{scene.flag.pk}/").content.decode()
    response = auditor.post(
        f"/auditor/credit/{scene.flag.pk}/decide/", {"decision": "rejected", "reason": "回单日期晚于认定日期"}
    )
    assert response.status_code == 302
    assert CreditFlag.objects.get(pk=scene.flag.pk).status == "active"
    assert "异议不成立" in staff.get("/employer/credit/").content.decode()


def test_another_employer_sees_no_flag_and_cannot_object(scene):
    staff = signed_in(scene.staff_a)
    assert "本单位没有失信记录" in staff.get("/employer/credit/").content.decode()
    assert staff.get(f"/employer/credit/{scene.flag.pk}/objection/").status_code == 404
    assert staff.post(f"/employer/credit/{scene.flag.pk}/objection/", {"text": "冒充"}).status_code == 404
    assert CreditFlag.objects.get(pk=scene.flag.pk).status == "active"


def test_a_repair_is_proposed_by_one_auditor_and_approved_by_another(scene):
    client = signed_in(scene.auditor)
    url = f"/auditor/credit/{scene.flag.pk}/close/"
    assert "请选择撤销或信用修复" in client.post(url, {"reason": "x"}).content.decode()
    assert client.post(url, {"action": "repair", "reason": "已补缴保障金和滞纳金"}).status_code == 302
    assert CreditFlag.objects.get(pk=scene.flag.pk).status == "active"  # not yet: four eyes
    page = client.get(f"/auditor/credit/{scene.flag.pk}/").content.decode()
    assert "信用修复（单位已纠正）申请待另一名审核人员复核" in page
    decide = f"/auditor/credit/{scene.flag.pk}/close/decide/"
    assert "撤销或信用修复须由另一名审核人员复核" in client.get(decide).content.decode()
    assert client.post(decide, {"decision": "approve"}).status_code == 200
    assert CreditFlag.objects.get(pk=scene.flag.pk).status == "active"

    response = signed_in(scene.auditor2).post(decide, {"decision": "approve", "note": "材料齐全"})

    assert response.status_code == 302
    flag = CreditFlag.objects.get(pk=scene.flag.pk)
    assert (flag.status, flag.closed_reason, flag.closed_by) == (
        "repaired",
        "已补缴保障金和滞纳金",
        scene.auditor2,
    )
    body = client.post(url, {"action": "lift", "reason": "再撤销"}).content.decode()
    assert "只能撤销或修复生效中的失信记录" in body


def test_the_list_filters_and_exports_the_flags_in_force(scene):
    client = signed_in(scene.auditor)
    assert "共找到 1 条失信记录" in client.get("/auditor/credit/?level=general").content.decode()
    assert "共找到 0 条失信记录" in client.get("/auditor/credit/?level=serious").content.decode()
    response = client.get("/auditor/credit/export/?format=csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["太仓乙物流有限公司"] and rows[1][3] == "一般失信"
    cases = client.get("/auditor/credit/cases/?status=notified").content.decode()
    assert "共找到 2 件案件" in cases  # noticed cases are not on the list until decided
