"""Credit flags through the pages: raise, the employer's objection, the decision, lift, repair,
export; and each employer sees only its own flags (BOLA)."""

import csv
import io

from quota.models import CreditFlag

from .conftest import signed_in


def test_raising_a_flag_from_the_page(scene):
    client = signed_in(scene.auditor)
    body = client.get(f"/auditor/credit/new/?employer={scene.employer_a.pk}").content.decode()
    assert f'<option value="{scene.employer_a.pk}" selected>' in body
    response = client.post(
        "/auditor/credit/new/",
        {
            "employer": scene.employer_a.pk,
            "level": "serious",
            "reason": "两名残疾职工挂名",
            "evidence": "2025年度核查发现",
            "start_date": "2026-11-01",
        },
    )
    flag = CreditFlag.objects.get(employer=scene.employer_a)
    assert response["Location"] == f"/auditor/credit/{flag.pk}/"
    assert (flag.level, flag.reason, str(flag.start_date), flag.decided_by) == (
        "serious",
        "两名残疾职工挂名",
        "2026-11-01",
        scene.auditor,
    )


def test_a_flag_without_a_reason_is_an_error_that_keeps_the_other_answers(scene):
    response = signed_in(scene.auditor).post(
        "/auditor/credit/new/",
        {
            "employer": scene.employer_a.pk,
            "level": "general",
            "reason": "",
            "evidence": "核查记录",
            "start_date": "2026-11-01",
        },
    )
    body = response.content.decode()
    assert "<title>错误：" in body and '<a href="#id_reason">认定理由：请填写认定理由</a>' in body
    assert "核查记录</textarea>" in body and 'value="general" id="id_level_0" required checked' in body
    assert not CreditFlag.objects.filter(employer=scene.employer_a).exists()


def test_a_start_date_in_the_future_is_refused(scene):
    body = (
        signed_in(scene.auditor)
        .post(
            "/auditor/credit/new/",
            {
                "employer": scene.employer_a.pk,
                "level": "general",
                "reason": "r",
                "evidence": "e",
                "start_date": "2099-01-01",
            },
        )
        .content.decode()
    )
    assert "起始日期不能晚于今天" in body


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


def test_lifting_and_repairing_close_the_flag(scene):
    client = signed_in(scene.auditor)
    url = f"/auditor/credit/{scene.flag.pk}/close/"
    assert "请选择撤销或信用修复" in client.post(url, {"reason": "x"}).content.decode()
    assert client.post(url, {"action": "repair", "reason": "已补缴保障金和滞纳金"}).status_code == 302
    flag = CreditFlag.objects.get(pk=scene.flag.pk)
    assert (flag.status, flag.closed_reason, flag.closed_by) == (
        "repaired",
        "已补缴保障金和滞纳金",
        scene.auditor,
    )
    body = client.post(url, {"action": "lift", "reason": "再撤销"}).content.decode()
    assert "只能撤销生效中的失信记录" in body


def test_the_list_filters_and_exports_the_flags_in_force(scene):
    client = signed_in(scene.auditor)
    assert "共找到 1 条失信记录" in client.get("/auditor/credit/?level=general").content.decode()
    assert "共找到 0 条失信记录" in client.get("/auditor/credit/?level=serious").content.decode()
    response = client.get("/auditor/credit/export/?format=csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["太仓乙物流有限公司"] and rows[1][3] == "一般失信"
