"""Resetting a forgotten password with a one-time code sent by SMS or e-mail.

The answer to a request never says whether an account exists (``RESET_REQUESTED`` is shown in
every case). A code is 6 random digits, stored only as a password hash, valid for
PASSWORD_RESET_CODE_MINUTES and for PASSWORD_RESET_MAX_ATTEMPTS wrong tries; a new request
replaces the old code. Throttles per identifier and per client address live in the view
(backend/accounts/signin/throttles.py, the same counters as sign-in and registration).
"""

import secrets
import unicodedata
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.signin.credentials import user_credentials_revoke

from ..addresses import email_of, phone_of
from ..choices import Channel, NotificationKind
from ..models import PasswordResetCode
from ..senders import OutgoingMessage, get_sender
from .inbox import notification_send

RESET_REQUESTED = (
    "如果该账号存在，验证码已发送到账号登记的手机或电子邮箱，10分钟内有效。"
    "没有收到？请确认输入无误，或带身份证到残联服务窗口办理。"
)
CODE_WRONG = "验证码不正确或已过期，请核对短信或邮件中的6位数字；多次输错后请重新获取验证码。"


def normalise_identifier(raw: str) -> str:
    # Full-width digits and letters typed on a phone keyboard reach the same account.
    return unicodedata.normalize("NFKC", raw or "").strip()


def user_for_identifier(identifier: str) -> User | None:
    """The one active account whose username, e-mail or (seeker's) mobile number this is; None
    when there is none or more than one (a shared number must not pick an account at random)."""
    ident = normalise_identifier(identifier)
    if not ident:
        return None
    matches = list(
        User.objects.filter(is_active=True)
        .filter(Q(username__iexact=ident) | Q(email__iexact=ident) | Q(person__phone=ident))
        .select_related("person")[:2]
    )
    return matches[0] if len(matches) == 1 else None


def _channel_and_address(user: User) -> tuple[str, str] | None:
    if phone := phone_of(user):
        return Channel.SMS, phone
    if email := email_of(user):
        return Channel.EMAIL, email
    return None


def password_reset_request(*, identifier: str) -> None:
    """Send a new code to the account named by ``identifier`` if there is one with a phone or
    e-mail on record; otherwise do nothing. Returns nothing either way, on purpose."""
    user = user_for_identifier(identifier)
    target = _channel_and_address(user) if user is not None else None
    if target is None:
        return
    channel, address = target
    code = f"{secrets.randbelow(10**6):06d}"
    minutes = settings.PASSWORD_RESET_CODE_MINUTES
    with transaction.atomic():
        # Only the newest code works: an older message lying around is worthless.
        PasswordResetCode.objects.filter(user=user, used_at__isnull=True).delete()
        row = PasswordResetCode(
            user=user,
            code_hash=make_password(code),
            channel=channel,
            expires_at=timezone.now() + timedelta(minutes=minutes),
        )
        row.full_clean()
        row.save()
        message = OutgoingMessage(
            channel=channel,
            to=address,
            subject="重设密码验证码",
            body=f"【太仓残疾人就业平台】您正在重设密码，验证码 {code}，{minutes}分钟内有效。如非本人操作，请忽略。",
        )
        transaction.on_commit(lambda: get_sender().send(message))


def _check_code(user: User | None, code: str) -> PasswordResetCode | None:
    """The live code row if ``code`` matches it; a wrong try is counted (committed even when the
    confirmation fails afterwards)."""
    if user is None:
        return None
    with transaction.atomic():
        row = (
            PasswordResetCode.objects.select_for_update()
            .filter(
                user=user,
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
                attempts__lt=settings.PASSWORD_RESET_MAX_ATTEMPTS,
            )
            .first()
        )
        if row is None:
            return None
        if check_password((code or "").strip(), row.code_hash):
            return row
        PasswordResetCode.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
        return None


def password_reset_confirm(*, identifier: str, code: str, password1: str, password2: str) -> User:
    """Set a new password with a valid code. Every problem is reported at once, keyed by field
    (code, password1, password2). On success the code is used up, every session and API token of
    the account ends and an ACCOUNT message is sent."""
    user = user_for_identifier(identifier)
    errors: dict[str, list[str]] = {}
    if not (code or "").strip():
        errors["code"] = ["请输入短信或邮件中的6位验证码"]
    if not password1:
        errors["password1"] = ["请输入新密码"]
    else:
        try:
            validate_password(password1, user=user)
        except ValidationError as exc:
            errors["password1"] = list(exc.messages)
    if not password2:
        errors["password2"] = ["请再次输入新密码"]
    elif password1 and password1 != password2:
        errors["password2"] = ["两次输入的新密码不一致，请重新输入"]
    # The code is only tried when it was given: a wrong code counts, a right one is used up only
    # together with a valid password.
    row = _check_code(user, code) if "code" not in errors else None
    if row is None and "code" not in errors:
        errors["code"] = [CODE_WRONG]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        used = PasswordResetCode.objects.filter(pk=row.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not used:  # a parallel confirmation with the same code got there first
            raise ValidationError({"code": [CODE_WRONG]})
        user.set_password(password1)
        user.save(update_fields=["password"])
        user_credentials_revoke(user=user)
        # The owner proved control of the phone or mailbox: the failed sign-ins that locked the
        # account (django-axes) no longer stand between them and the new password.
        axes_reset(username=user.username)
        notification_send(
            recipient=user,
            kind=NotificationKind.ACCOUNT,
            title="您的密码已重设",
            body="您的登录密码已通过验证码重设，其他设备上的登录已全部退出。如果不是您本人操作，请立即拨打服务热线 0512-53520000。",
        )
    return user
