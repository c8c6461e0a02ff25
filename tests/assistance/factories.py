"""Small helpers for the 就业援助 tests."""

from backend.accounts.choices import ConsentScope, Role
from backend.accounts.services import consent_grant
from tests import factories as base
from tests.matching.factories import make_profile

SHAXI, CHENGXIANG = "320585101", "320585100"


def make_service(region_code: str = CHENGXIANG):
    user = base.make_user(Role.SERVICE)
    user.regions.add(base.region(region_code))
    return user


def make_client_seeker(region_code: str = CHENGXIANG, *, consent: bool = True, **person_kwargs):
    """A seeker with a profile in ``region_code`` who (by default) asked for help."""
    user = base.make_seeker(region_code=region_code, **person_kwargs)
    make_profile(user.person, regions=[region_code])
    if consent:
        consent_grant(person=user.person, scope=ConsentScope.SERVICE_ASSISTANCE)
    return user
