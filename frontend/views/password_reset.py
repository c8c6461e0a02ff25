"""忘记密码: a code by SMS or e-mail, then a new password. The answer to a request is the same
whether or not the account exists; requests and code tries are throttled per client address,
requests also per identifier (the sign-in counters of backend/accounts/signin/throttles.py)."""

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from backend.accounts.signin.clientip import client_ip
from backend.accounts.signin.throttles import limit_hit
from notifications.services.password_reset import (
    RESET_REQUESTED,
    normalise_identifier,
    password_reset_confirm,
    password_reset_request,
)

from ..forms_notifications import ResetConfirmForm, ResetRequestForm
from .roles import no_store

SESSION_KEY = "password_reset_identifier"
THROTTLED = "重设密码的尝试过于频繁，请一小时后再试，或带身份证到残联服务窗口办理。服务热线 0512-53520000。"


def _identifier_key(identifier: str) -> str:
    return hashlib.sha256(normalise_identifier(identifier).casefold().encode()).hexdigest()


def request_code(request):
    form = ResetRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if limit_hit("password_reset", client_ip(request)):
            form = ResetRequestForm(initial=request.POST).refuse(THROTTLED)
            status = 429
        elif form.is_valid():
            identifier = normalise_identifier(form.cleaned_data["identifier"])
            if limit_hit("password_reset_identifier", _identifier_key(identifier)):
                form.refuse(THROTTLED)
                status = 429
            else:
                password_reset_request(identifier=identifier)
                request.session[SESSION_KEY] = identifier
                messages.info(request, RESET_REQUESTED)
                return redirect("frontend:password_reset_confirm")
    return no_store(render(request, "frontend/account/password_reset.html", {"form": form}, status=status))


def confirm(request):
    identifier = request.session.get(SESSION_KEY)
    if not identifier:
        messages.info(request, "请先填写用户名、手机号或电子邮箱，获取验证码。")
        return redirect("frontend:password_reset")
    form = ResetConfirmForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if limit_hit("password_reset", client_ip(request)):
            form = ResetConfirmForm().refuse(THROTTLED)
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                password_reset_confirm(
                    identifier=identifier, code=d["code"], password1=d["password1"], password2=d["password2"]
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                request.session.pop(SESSION_KEY, None)
                messages.success(request, "密码已重设，其他设备上的登录已全部退出。请用新密码登录。")
                return redirect("frontend:login")
    return no_store(
        render(request, "frontend/account/password_reset_confirm.html", {"form": form}, status=status)
    )
