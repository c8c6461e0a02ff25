"""Login, logout and self-registration pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.models import Region
from backend.accounts.services import CertificateInput, employer_register, seeker_register

from ..forms import EmployerRegisterForm, LoginForm, SeekerRegisterForm


class LoginView(auth_views.LoginView):
    template_name = "frontend/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    from django.contrib.auth import logout

    logout(request)
    messages.info(request, "您已退出登录。")
    return redirect("frontend:home")


def register_choose(request):
    return render(request, "frontend/register_choose.html")


def _region(code: str):
    return Region.objects.filter(code=code).first() if code else None


def register_seeker(request):
    form = SeekerRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            seeker_register(
                username=d["username"],
                password=d["password"],
                name=d["name"],
                resident_id=d["resident_id"],
                phone=d["phone"],
                region=_region(d["region"]),
                certificate=CertificateInput(
                    kind=d["certificate_kind"], number=d["certificate_no"], veteran_grade=d["veteran_grade"]
                ),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "注册成功，请登录。")
            return redirect("frontend:login")
    return render(
        request,
        "frontend/form_page.html",
        {
            "form": form,
            "page_title": "求职者注册",
            "submit_label": "注册",
            "intro": "请填写本人信息。身份证号和残疾人证号会加密保存，只有您本人和经授权的工作人员能看到。",
        },
    )


def register_employer(request):
    form = EmployerRegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            employer_register(
                username=d["username"],
                password=d["password"],
                employer_name=d["employer_name"],
                credit_code=d["credit_code"],
                org_type=d["org_type"],
                region=_region(d["region"]),
                contact_name=d["contact_name"],
                contact_phone=d["contact_phone"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "注册已提交。残联或人社局工作人员审核通过后，您就可以登录了。")
            return redirect("frontend:home")
    return render(
        request,
        "frontend/form_page.html",
        {
            "form": form,
            "page_title": "用人单位注册",
            "submit_label": "提交注册",
            "intro": "单位账号需要工作人员审核后才能使用。",
        },
    )
