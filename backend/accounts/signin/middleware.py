"""Nothing but the second-factor step for a signed-in account that still owes its code."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import urlencode

from ..permissions import otp_required
from .otp import totp_device

# The pages an account may reach between its password and its code.
OPEN_VIEWS = frozenset({"frontend:otp_verify", "frontend:otp_setup", "frontend:logout"})
OWES_CODE = "请先在网页上完成两步验证（输入身份验证器的动态验证码）后再使用接口。"


class SecondFactorMiddleware:
    """With OTP_REQUIRED, an auditor's or administrator's session that has not been verified with
    a TOTP code reaches no page, no admin page and no API endpoint: pages redirect to the code
    step (or to enrolment), the API answers 403. Place after django_otp's OTPMiddleware.

    API tokens are issued only after a verified sign-in (the API login's ``otp`` field)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and otp_required(user) and not user.is_verified():
            response = self._hold(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _hold(self, request, user):
        path = request.path_info
        if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
            return None
        try:
            name = resolve(path).view_name
        except Resolver404:
            name = ""
        if name in OPEN_VIEWS:
            return None
        if path.startswith("/api/"):
            return JsonResponse({"detail": OWES_CODE, "errors": {}}, status=403)
        step = "frontend:otp_verify" if totp_device(user) is not None else "frontend:otp_setup"
        target = redirect(step)
        if request.method == "GET":
            target["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return target
