"""API tokens and sessions: issuing within knox's limit, ending them when an account is
deactivated or its password changes."""

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from .. import permissions
from ..models import User


class TokenLimitReached(PermissionDenied):
    """The user already holds REST_KNOX["TOKEN_LIMIT_PER_USER"] live tokens."""


def api_token_issue(*, user: User) -> tuple[AuthToken, str]:
    """A new knox token for ``user`` (the caller has checked the password, and the OTP code where
    one is required). The project's login view does not use knox's LoginView, so knox's
    TOKEN_LIMIT_PER_USER is enforced here, the way knox enforces it: refused, not rotated."""
    now = timezone.now()
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    with transaction.atomic():
        # One user's parallel logins queue here, so they cannot all pass the count together.
        User.objects.select_for_update().filter(pk=user.pk).first()
        AuthToken.objects.filter(user=user, expiry__lte=now).delete()
        if limit is not None:
            live = AuthToken.objects.filter(user=user).filter(Q(expiry__gt=now) | Q(expiry__isnull=True))
            if live.count() >= limit:
                raise TokenLimitReached(
                    f"您已有 {limit} 个有效的接口令牌，达到上限。请先用不再使用的令牌退出"
                    "（POST /api/v1/auth/logout），或等令牌过期后再登录。"
                )
        return AuthToken.objects.create(user=user)


def user_credentials_revoke(*, user: User, keep_session_key: str | None = None) -> None:
    """End every API token and web session of ``user`` (except ``keep_session_key``)."""
    AuthToken.objects.filter(user=user).delete()
    user_sessions_end(user=user, keep_session_key=keep_session_key)


def user_sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """Delete the user's live database sessions. Sessions are not indexed by user, so this decodes
    the live ones; with a 30-minute idle timeout they are few."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep_session_key:
            continue
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    """An administrator switches an account off: it can no longer sign in, and its sessions and
    API tokens end now (the authentication backend also refuses inactive users on each request)."""
    if not (permissions.is_admin(by) or getattr(by, "is_superuser", False)):
        raise PermissionDenied("只有系统管理员可以停用账号")
    if by.pk == user.pk:
        raise PermissionDenied("不能停用自己的账号")
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    user_credentials_revoke(user=user)
    return user


def password_changed(*, user: User) -> None:
    """A password was set on an existing account: its API tokens end. Its other web sessions end
    by Django's session hash (derived from the password hash) on their next request."""
    AuthToken.objects.filter(user=user).delete()
