"""就业援助 in the browser (issue 15). The journey "staff opens a case → assessment → the seeker
confirms → referral → placement → 回访 → 结案" in one test, with axe (0 violations) on every page in
standard and 长辈版 mode at 1366 and 390 px and a form's error state; the seeker's pages and the
printable plan in both modes; a keyboard-only walk for the 就业服务专员."""

import pytest
from django.utils import timezone

from assistance import services
from assistance.models import Case
from matching.models import SeekerProfile
from tests.assistance.factories import CHENGXIANG, make_client_seeker, make_service
from tests.factories import PASSWORD, region
from tests.matching.factories import make_posting

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode
from .test_audit_journey import focused, press_and_wait, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])


@pytest.fixture(autouse=True)
def _matcher(settings, tmp_path):
    """Own index directory and a fresh in-process matcher: the case page shows matched jobs."""
    from matching.services.index import index_reset_process_state

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()


def check(page, width=1366):
    assert_accessible(page)
    if width == 390:
        assert_no_sideways_scroll(page)


def sign_in(page, user, elder):
    page.context.clear_cookies()
    login_as(page, user)
    if elder:
        set_elder_mode(page, user)


def section(page, name):
    """One action form of the case page (each is a <section> labelled by its heading)."""
    return page.locator(f"section[aria-labelledby=h-{name}]")


def submit(page, locator, name="保存"):
    locator.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1366, 390])
@MODES
def test_staff_open_a_case_assess_refer_place_and_follow_up(page, elder, width):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate().isoformat()
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG, name="李明")
    posting = make_posting(title="电话客服", skills=["电脑打字"], region=region(CHENGXIANG))

    # The staff member finds the consenting seeker in the list and opens a case.
    sign_in(page, staff, elder)
    assert page.goto(page.base_url + "/service/seekers/").status == 200
    check(page, width)
    open_case = page.get_by_role("button", name="为李明建档")
    box = open_case.bounding_box()
    assert box["width"] > box["height"], "the button's words stay on one line, even on a phone"
    open_case.click()
    page.wait_for_load_state()
    case = Case.objects.get(person=seeker.person)
    assert page.url.endswith(f"/service/cases/{case.pk}/")
    assert "已为李明建立就业援助个案" in page.locator("body").inner_text()
    check(page, width)

    # An empty contact: the error summary takes focus, the title says 错误, nothing is saved.
    submit(page, section(page, "contact"))
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert "请填写情况记录" in page.locator(".error-summary").inner_text()
    assert not case.contacts.exists()
    check(page, width)

    # The 职业能力测评 with the seeker; saving shows the printable plan.
    page.get_by_role("link", name="与求职者一起做职业能力测评").click()
    page.wait_for_load_state()
    check(page, width)
    page.get_by_label("测评日期").fill(today)
    page.get_by_label("适合的工作方向").fill("电话客服")
    page.locator("#id_ability_phone").select_option("4")
    page.get_by_label("可以就业（需要推荐岗位）").check()
    page.get_by_role("button", name="保存测评").click()
    page.wait_for_load_state()
    assessment = case.assessments.get()
    assert page.url.endswith(f"/assessments/{assessment.pk}/plan/")
    assert (
        page.get_by_role("link", name="返回就业援助个案")
        .get_attribute("href")
        .endswith(f"/service/cases/{case.pk}/")
    )
    check(page, width)

    # The seeker confirms it on their own page: their profile takes the result.
    sign_in(page, seeker, elder)
    page.goto(page.base_url + "/me/assistance/")
    check(page, width)
    page.get_by_role("link", name="测评（等待本人确认）").click()
    page.wait_for_load_state()
    check(page, width)
    page.get_by_label("结果符合我的情况，写入我的求职资料").check()
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    assert "已确认" in page.locator("body").inner_text()
    assert SeekerProfile.objects.get(person=seeker.person).desired == "电话客服"
    check(page, width)

    # Back to the staff member: a referral to a matched job, the placement, the first 回访.
    sign_in(page, staff, elder)
    page.goto(page.base_url + f"/service/cases/{case.pk}/")
    matched = page.locator(".matched-jobs").inner_text()
    assert "电话客服" in matched and "工作地点在太仓市城厢镇" in matched  # a job with its reasons
    assert "Reason(" not in matched
    referral = section(page, "job_referral")
    referral.get_by_label("推荐岗位").select_option(str(posting.pk))
    submit(page, referral)
    assert case.referrals.get().posting == posting
    check(page, width)

    placement = section(page, "placement")
    placement.get_by_label("就业日期").fill(today)
    placement.get_by_label("就业单位").fill(posting.employer.name)
    placement.get_by_label("岗位").fill("电话客服")
    submit(page, placement)
    assert "已登记就业" in page.locator("body").inner_text()
    check(page, width)

    follow_up = section(page, "follow_up")
    follow_up.get_by_label("就业后第1个月").check()
    follow_up.get_by_label("回访日期").fill(today)
    follow_up.get_by_label("电话", exact=True).check()
    follow_up.get_by_label("仍在岗").check()
    submit(page, follow_up)
    assert "已登记回访" in page.locator("body").inner_text()
    check(page, width)

    close = section(page, "close")
    close.get_by_label("稳定就业（回访后仍在岗）").check()
    submit(page, close, "结案")
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "retained")
    assert "稳定就业" in page.locator("main").inner_text()
    check(page, width)


@MODES
def test_the_seekers_pages_and_the_printable_plan_are_accessible(page, elder):
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG, consent=False)
    sign_in(page, seeker, elder)

    # The help toggle, on and then off again.
    page.goto(page.base_url + "/me/assistance/")
    check(page)
    page.get_by_label("我需要就业服务人员帮助").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "已申请就业服务人员帮助" in page.locator("main").inner_text()
    check(page)
    page.get_by_label("我需要就业服务人员帮助").uncheck()
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "已取消申请" in page.locator("body").inner_text()
    check(page)

    # With a case and an assessment waiting: the assessment page (and its error state), the plan.
    services.help_request_set(user=seeker, asked=True)
    case = services.case_open(by=staff, person=seeker.person, plan="三个月内就业")
    assessment = services.assessment_create(
        by=staff,
        person=seeker.person,
        case=case,
        assessed_on=timezone.localdate(),
        abilities={"phone": 4},
        readiness="ready",
        skills=["电脑打字"],
        desired="电话客服",
        hours=[],
        employment_forms=[],
        needs=[],
        advice="先做三个月电话客服。",
    )
    page.goto(page.base_url + "/me/assistance/")
    assert "三个月内就业" in page.locator("main").inner_text()
    check(page)
    page.goto(page.base_url + f"/me/assistance/assessments/{assessment.pk}/")
    check(page)
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    check(page)
    page.goto(page.base_url + f"/assessments/{assessment.pk}/plan/")
    assert "先做三个月电话客服" in page.locator("main").inner_text()
    check(page)
    page.get_by_role("link", name="返回我的职业能力测评").click()
    page.wait_for_url(f"**/me/assistance/assessments/{assessment.pk}/")


def test_staff_log_a_contact_with_the_keyboard_only(page):
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG, name="王芳")
    case = services.case_open(by=staff, person=seeker.person)
    page.set_viewport_size({"width": 1366, "height": 768})

    page.goto(page.base_url + "/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(staff.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)
    tab_to(page, text="就业援助个案")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "就业援助个案"
    tab_to(page, text="王芳")
    press_and_wait(page)
    assert page.url.endswith(f"/service/cases/{case.pk}/")

    # An empty contact first: focus lands on the error summary, which links to the fields.
    tab_to(page, element_id="id_contact-summary")
    assert tab_to(page, text="保存")["tag"] == "BUTTON"
    press_and_wait(page)
    assert page.title().startswith("错误：")
    assert page.evaluate("document.activeElement.className").startswith("error-summary")
    assert focused(page)["text"].startswith("存在以下问题")

    # The contact form: a radio group is one Tab stop; the arrow key moves and ticks.
    tab_to(page, element_id="id_contact-kind_0")
    page.keyboard.press("ArrowDown")  # 上门走访 → 电话
    assert page.is_checked("#id_contact-kind_1")
    tab_to(page, element_id="id_contact-on")
    page.keyboard.type(timezone.localdate().isoformat())
    tab_to(page, element_id="id_contact-summary")
    page.keyboard.type("电话沟通，本人愿意参加培训")
    assert tab_to(page, text="保存")["tag"] == "BUTTON"
    press_and_wait(page)
    contact = case.contacts.get()
    assert (contact.kind, contact.summary) == ("call", "电话沟通，本人愿意参加培训")
    assert "已记录联系" in page.locator("body").inner_text()
    assert_accessible(page)
