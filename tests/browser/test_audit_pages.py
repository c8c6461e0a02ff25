"""The auditors' pages (and the employer's credit pages) in the browser: zero axe violations in
normal and 长辈版 mode and on every form's error state, focus on the error summary after a
failed submit, no sideways scrolling at 320 px.  Includes the credit process (cases, decisions,
撤销/信用修复 review) and the employer's 陈述申辩 and waiver forms."""

from datetime import date

import pytest

from quota.services.credit import credit_closure_propose, credit_objection_submit
from tests.frontend.audit.factories import make_scene, run_audit
from tests.quota.audit.factories import make_flag

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def scene(django_capture_on_commit_callbacks, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    scene = make_scene()
    scene.run = run_audit(django_capture_on_commit_callbacks, by=scene.auditor)
    # The flag gets a pending objection, so the decision form can be shown (A and B each have an
    # open case, and one open case per employer is the rule, so no second flag for B here).
    scene.objected = scene.flag
    credit_objection_submit(flag=scene.objected, text="2024年度已足额缴纳", by=scene.staff_b)
    # A flag of C with a 信用修复 proposed by auditor2, for the auditor to review.
    scene.repairing = make_flag(
        scene.employer_c, proposer=scene.auditor2, decider=scene.auditor, start_date=date(2026, 2, 1)
    )
    credit_closure_propose(
        flag=scene.repairing, action="repair", reason="已补缴并作出信用承诺", by=scene.auditor2
    )
    return scene


def auditor_pages(s) -> list[str]:
    line = s.report_a.roster.order_by("line_no").first()
    return [
        "/auditor/compliance/?year=2025",
        "/auditor/compliance/?year=2025&finding_kind=double_counting&ordering=-levy_due",
        "/auditor/compliance/?year=2023",
        "/auditor/reports/",
        f"/auditor/reports/{s.report_a.pk}/",
        f"/auditor/reports/{s.approved.pk}/",
        "/auditor/audits/",
        f"/auditor/audits/{s.run.pk}/",
        "/auditor/notices/",
        f"/auditor/notices/{s.notice.pk}/",
        "/auditor/ledger/",
        "/auditor/credit/",
        f"/auditor/credit/{s.flag.pk}/",
        f"/auditor/credit/{s.repairing.pk}/",
        "/auditor/credit/cases/",
        f"/auditor/credit/cases/{s.case.pk}/",
        f"/auditor/credit/cases/{s.ready_case.pk}/",
        f"/auditor/credit/cases/{s.flag.case_id}/",
        "/auditor/indicators/?year=2024",
        "/auditor/training/",
        *(path for path, _ in form_pages(s)),
        f"/auditor/reports/{s.report_a.pk}/lines/{line.pk}/reveal/",
    ]


def form_pages(s) -> list[tuple[str, str | None]]:
    """Form pages and, for those whose submit would succeed unchanged, a select to empty first."""
    line = s.report_a.roster.order_by("line_no").first()
    return [
        (f"/auditor/reports/{s.report_a.pk}/return/", None),
        (f"/auditor/reports/{s.approved.pk}/notice/", "#id_due_date"),
        (f"/auditor/notices/{s.notice.pk}/payment/", None),
        (f"/auditor/notices/{s.notice.pk}/adjust/", None),
        (f"/auditor/notices/{s.notice.pk}/cancel/", None),
        ("/auditor/ledger/new/", None),
        ("/auditor/ledger/from-policy/", None),
        (f"/auditor/ledger/{s.entry.pk}/decide/", None),
        ("/auditor/credit/new/", None),
        (f"/auditor/credit/cases/{s.ready_case.pk}/decide/", None),
        (f"/auditor/credit/{s.flag.pk}/close/", None),
        (f"/auditor/credit/{s.repairing.pk}/close/decide/", None),
        (f"/auditor/credit/{s.objected.pk}/decide/", None),
        ("/auditor/training/new/", None),
        (f"/auditor/reports/{s.report_a.pk}/lines/{line.pk}/reveal/", None),
        ("/auditor/audits/", "#id_data_year"),
    ]


EMPLOYER_PAGES = ["/employer/credit/"]


def employer_forms(s) -> list[tuple[str, object]]:
    """The employer's forms and who fills them: the objection (B), 陈述申辩 and waiver (A)."""
    return [
        (f"/employer/credit/{s.flag.pk}/objection/", s.staff_b),
        (f"/employer/credit/cases/{s.case.pk}/statement/", s.staff_a),
        (f"/employer/credit/cases/{s.case.pk}/waive/", s.staff_a),
    ]


def visit(page, path):
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    assert page.locator("h1").count() == 1, path
    return response


def assert_fits_320px(page):
    """The same page at a 320 px wide viewport (the layout reflows without a reload)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
    page.set_viewport_size(size)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_auditor_and_employer_pages_have_no_axe_violations_and_fit_320px(page, scene, elder):
    login_as(page, scene.auditor)
    if elder:
        set_elder_mode(page, scene.auditor)
    for path in auditor_pages(scene):
        visit(page, path)
        if elder:
            assert "elder" in page.locator("body").get_attribute("class"), path
        assert_accessible(page)
        assert_fits_320px(page)
    for staff in (scene.staff_b, scene.staff_a):
        page.context.clear_cookies()
        login_as(page, staff)
        if elder:
            set_elder_mode(page, staff)
        for path in [*EMPLOYER_PAGES, *(path for path, user in employer_forms(scene) if user == staff)]:
            visit(page, path)
            assert_accessible(page)
            assert_fits_320px(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_every_form_error_state_focuses_the_summary_and_has_no_axe_violations(page, scene, elder):
    login_as(page, scene.auditor)
    if elder:
        set_elder_mode(page, scene.auditor)
    pages = [(path, clear, scene.auditor) for path, clear in form_pages(scene)]
    pages += [(path, None, user) for path, user in employer_forms(scene)]
    current = scene.auditor
    for path, clear, user in pages:
        if user != current:
            page.context.clear_cookies()
            login_as(page, user)
            if elder:
                set_elder_mode(page, user)
            current = user
        visit(page, path)
        if clear == "#id_data_year":
            page.select_option(clear, "")
        elif clear:
            page.fill(clear, "")
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.title().startswith("错误："), (path, page.title())
        assert "error-summary" in page.evaluate("document.activeElement.className"), path
        assert_accessible(page)


def test_charts_are_named_images_followed_by_their_tables(page, scene):
    login_as(page, scene.auditor)
    visit(page, "/auditor/indicators/?year=2024")
    charts = page.get_by_role("img")
    names = [charts.nth(i).get_attribute("aria-labelledby") for i in range(charts.count())]
    assert names[:2] == ["chart-employment-t chart-employment-d", "chart-training-t chart-training-d"]
    snapshot = page.locator("main").aria_snapshot()
    assert '- img "实名制新增残疾人就业：累计与目标' in snapshot
    assert 'table "实名制新增残疾人就业：各年新增与累计（单位：人）"' in snapshot


def test_the_progress_page_updates_itself_and_works_without_javascript(page, scene):
    from quota.models import AuditRun

    run = AuditRun.objects.create(data_year=2024, created_by=scene.auditor, status="running", progress=30)
    run.regions.set(scene.auditor.regions.all())
    login_as(page, scene.auditor)
    visit(page, f"/auditor/audits/{run.pk}/")
    refresh = page.get_by_role("link", name="刷新进度")
    assert refresh.is_visible() and page.locator("[data-run-done]").is_hidden()
    AuditRun.objects.filter(pk=run.pk).update(status="done", progress=100)
    status = page.get_by_role("status").filter(has_text="状态：")
    status.filter(has_text="已完成 100%").wait_for(timeout=10000)
    assert page.evaluate("document.querySelector('progress').value") == 100
    assert refresh.is_hidden() and page.locator("[data-run-done]").is_visible()
    assert_accessible(page)
