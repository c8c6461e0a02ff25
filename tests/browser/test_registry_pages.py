"""核验数据导入 in the browser: zero axe violations on the upload page, its error state (focus on
the error summary), the confirmation and the history, in normal and 长辈版 mode."""

import pytest

from tests.factories import make_auditor
from tests.registry.helpers import INSURANCE_HEADER, csv_bytes, insurance_line

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PAGE = "/auditor/registry/"


def choose_file(page, lines, name="社保.csv"):
    page.check("#id_kind_1")  # 社保缴费明细
    page.set_input_files(
        "#id_file",
        files=[{"name": name, "mimeType": "text/csv", "buffer": csv_bytes(INSURANCE_HEADER, lines)}],
    )
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_upload_errors_confirm_and_history_are_accessible(page, settings, elder):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    auditor = make_auditor()
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    assert page.goto(page.base_url + PAGE).status == 200
    assert_accessible(page)
    # Nothing chosen: the form's own errors, linked from the summary.
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert_accessible(page)
    # A file with a wrong month: the problem table, linked from the summary.
    choose_file(page, [insurance_line(1), insurance_line(2, month="2025-13")])
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert page.locator("#import-errors").get_by_text("第 3 行").count() == 1
    assert_accessible(page)
    # A good file: the confirmation, then the history.
    choose_file(page, [insurance_line(1), insurance_line(2)])
    assert page.url.endswith("/auditor/registry/confirm/")
    assert_accessible(page)
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()
    assert page.url.endswith(PAGE)
    assert page.get_by_text("新增 2").count() >= 1
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
