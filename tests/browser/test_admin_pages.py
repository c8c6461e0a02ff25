"""Administrators are a role too: the Django admin pages they use pass axe like every other page."""

import pytest

from .conftest import assert_accessible, login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/quota/quotapolicy/",
    "/admin/accounts/employer/",
    "/admin/accounts/region/",
    "/admin/matching/jobposting/",
]


def test_admin_pages_have_no_axe_violations(page, make):
    make.make_employer()
    login_as(page, make.make_admin())
    for path in ADMIN_PAGES:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert_accessible(page)
