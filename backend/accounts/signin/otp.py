"""The second factor: a TOTP authenticator app (django-otp), one confirmed device per account.

An account enrols by scanning a QR code (or typing the secret) and confirming one code; from then
on a sign-in needs a current code. A lost phone is reset by an administrator in the admin site
(删除该用户的 TOTP device), after which the account enrols again at its next sign-in.
"""

import re
import unicodedata
from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import User

DEVICE_NAME = "身份验证器"
_CODE = re.compile(r"\d{6}")
BAD_CODE = "动态验证码不正确或已过期，请输入身份验证器当前显示的6位数字"


def clean_code(raw: str) -> str:
    """Six ASCII digits (full-width digits and spaces typed on a phone are accepted)."""
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or ""))
    if not _CODE.fullmatch(code):
        raise ValidationError({"otp": "请输入身份验证器显示的6位数字"})
    return code


def totp_device(user: User) -> TOTPDevice | None:
    """The account's confirmed device, if it has enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the enrolment page shows (the same one until confirmed).
    An enrolled account cannot enrol a second device this way: an administrator resets it."""
    if totp_device(user) is not None:
        raise ValidationError({"otp": "您已设置身份验证器。如需更换手机，请联系系统管理员重置。"})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> TOTPDevice:
    """Confirm the pending device with one current code; other pending devices are discarded."""
    code = clean_code(code)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or totp_device(user) is not None:
        raise ValidationError({"otp": "没有待确认的身份验证器，请刷新页面重新扫描二维码。"})
    if not device.verify_token(code):
        raise ValidationError({"otp": BAD_CODE})
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device


def totp_check(*, user: User, code: str) -> TOTPDevice:
    """The confirmed device that accepts ``code`` (a code is accepted once; django-otp also slows
    down repeated failures); ValidationError on the field ``otp`` otherwise."""
    device = totp_device(user)
    if device is None:
        raise ValidationError({"otp": "您还没有设置身份验证器，请先在网页上登录完成设置。"})
    code = clean_code(code)
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        raise ValidationError({"otp": BAD_CODE})
    return verified


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps accept it when typed: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI as an SVG QR code in a data: URI (the CSP allows data: images only)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)
