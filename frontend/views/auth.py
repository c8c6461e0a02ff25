"""Login, logout and self-registration pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from backend.accounts.models import Region
from backend.accounts.permissions import otp_applies_to, otp_required
from backend.accounts.registration import REGISTRATION_RECEIVED
from backend.accounts.services import (
    CertificateInput,
    employer_register,
    employer_register_validate,
    seeker_register,
    seeker_register_validate,
)
from backend.accounts.signin import guard, otp

from ..forms import EmployerRegisterForm, LoginForm, OTPForm, SeekerRegisterForm
from .roles import no_store


class LoginView(auth_views.LoginView):
    """Username and password; throttled by client address and by username before the password is
    checked (backend/accounts/signin/guard.py), then django-axes' (username, address) lockout."""

    template_name = "frontend/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if guard.login_address_limited(request) or guard.login_username_limited(request, username):
            form = self.get_form_class()(request, initial={"username": username}).refuse(
                guard.LOGIN_THROTTLED
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        guard.remember_device(response, user.get_username())
        if otp_required(user):
            # The password is right; the account still owes its code before any other page.
            step = "frontend:otp_verify" if otp.totp_device(user) else "frontend:otp_setup"
            response["Location"] = f"{reverse(step)}?{urlencode({'next': self.get_success_url()})}"
        return response

    def get_default_redirect_url(self):
        # Without a ?next=, a job-seeker lands on their start page (what to do next), the
        # others on LOGIN_REDIRECT_URL as before.
        user = self.request.user
        if user.is_authenticated and user.role == "seeker":
            return reverse("frontend:seeker_start")
        return super().get_default_redirect_url()

    def form_invalid(self, form):
        if form.has_error("__all__", "invalid_login"):
            guard.login_failed(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)


@require_POST
def logout_view(request):
    from django.contrib.auth import logout

    logout(request)
    messages.info(request, "您已退出登录。")
    return redirect("frontend:home")


def register_choose(request):
    return render(request, "frontend/register_choose.html")


SEEKER_PAGE = {
    "page_title": "求职者注册",
    "submit_label": "注册",
    "intro": "请填写本人信息。身份证号和残疾人证号会加密保存，只有您本人和经授权的工作人员能看到。",
}
EMPLOYER_PAGE = {
    "page_title": "用人单位注册",
    "submit_label": "提交注册",
    "intro": "单位账号需要工作人员审核后才能使用。",
}


def _region(code: str):
    return Region.objects.filter(code=code).first() if code else None


def _throttled(request, form, context):
    """The registration form again with the throttle's message, 429, nothing validated or saved."""
    form.refuse(guard.REGISTER_THROTTLED)
    return render(request, "frontend/form_page.html", {**context, "form": form}, status=429)


def _all_problems(form, validate, values: dict) -> None:
    """The form found some problems (a required field left empty, a choice out of range); add
    the service's findings about the other fields, so that one submit reports everything
    (issue 14: format errors used to come one per submit). Nothing is written."""
    try:
        validate(**values)
    except ValidationError as exc:
        for field, messages_ in exc.message_dict.items():
            if field in form.fields and field not in form.errors:
                for message in messages_:
                    form.add_error(field, message)
        form._link_descriptions()


def _seeker_values(d: dict) -> dict:
    return {
        "username": d.get("username", ""),
        "password": d.get("password", ""),
        "name": d.get("name", ""),
        "resident_id": d.get("resident_id", ""),
        "phone": d.get("phone", ""),
        "certificate": CertificateInput(
            kind=d.get("certificate_kind") or "none",
            number=d.get("certificate_no", ""),
            veteran_grade=d.get("veteran_grade"),
        ),
    }


def register_seeker(request):
    if request.method == "POST" and guard.registration_limited(request):
        return _throttled(request, SeekerRegisterForm(), SEEKER_PAGE)
    form = SeekerRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not form.is_valid():
        _all_problems(form, seeker_register_validate, _seeker_values(form.cleaned_data))
    elif request.method == "POST":
        d = form.cleaned_data
        try:
            seeker_register(**_seeker_values(d), region=_region(d["region"]))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            # The same words whether a new person was registered or the registration awaits a
            # 残联 check (backend/accounts/registration.py): registering is no registry look-up.
            messages.success(request, REGISTRATION_RECEIVED)
            return redirect("frontend:login")
    return render(request, "frontend/form_page.html", {**SEEKER_PAGE, "form": form})


def _employer_values(d: dict) -> dict:
    return {
        "username": d.get("username", ""),
        "password": d.get("password", ""),
        "employer_name": d.get("employer_name", ""),
        "credit_code": d.get("credit_code", ""),
        "org_type": d.get("org_type", ""),
        "region": _region(d.get("region", "")),
        "contact_name": d.get("contact_name", ""),
        "contact_phone": d.get("contact_phone", ""),
    }


def register_employer(request):
    if request.method == "POST" and guard.registration_limited(request):
        return _throttled(request, EmployerRegisterForm(), EMPLOYER_PAGE)
    form = EmployerRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not form.is_valid():
        _all_problems(form, employer_register_validate, _employer_values(form.cleaned_data))
    elif request.method == "POST":
        try:
            employer_register(**_employer_values(form.cleaned_data))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "注册已提交。残联或人社局工作人员审核通过后，您就可以登录了。")
            return redirect("frontend:home")
    return render(request, "frontend/form_page.html", {**EMPLOYER_PAGE, "form": form})


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("frontend:home")


def _verified(request, device):
    """Mark the session as verified by ``device``, under a new session key (a privilege change)."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
def otp_verify(request):
    """The second sign-in step: the current code of the account's authenticator."""
    user = request.user
    if not otp_applies_to(user):
        raise Http404
    next_url = _next_url(request)
    if user.is_verified() or not otp_required(user):
        return redirect(next_url)
    if otp.totp_device(user) is None:
        return redirect(f"{reverse('frontend:otp_setup')}?{urlencode({'next': next_url})}")
    form = OTPForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if guard.login_username_limited(request, user.username):
            form = OTPForm().refuse(guard.LOGIN_THROTTLED)
            status = 429
        elif form.is_valid():
            try:
                device = otp.totp_check(user=user, code=form.cleaned_data["otp"])
            except ValidationError as exc:
                guard.login_failed(request, user.username)
                form.add_service_errors(exc)
            else:
                _verified(request, device)
                return redirect(next_url)
    return render(request, "frontend/otp_verify.html", {"form": form, "next": next_url}, status=status)


@login_required
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret), confirm one code."""
    user = request.user
    if not otp_applies_to(user):
        raise Http404
    next_url = _next_url(request)
    if otp.totp_device(user) is not None:
        return no_store(render(request, "frontend/otp_setup.html", {"enrolled": True, "next": next_url}))
    device = otp.totp_enrolment_start(user=user)
    form = OTPForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = otp.totp_enrolment_confirm(user=user, code=form.cleaned_data["otp"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            _verified(request, device)
            messages.success(
                request, "身份验证器已设置。以后登录时，输入密码后还需输入它显示的6位动态验证码。"
            )
            return redirect(next_url)
    context = {
        "form": form,
        "next": next_url,
        "qr": otp.qr_data_uri(device),
        "secret": otp.secret_text(device),
        "uri": device.config_url,
    }
    # The page shows the secret: never cached.
    return no_store(render(request, "frontend/otp_setup.html", context))
