from django.urls import include, path

from .views import auditor, auditor_registrations, auth, employer, public, seeker

app_name = "frontend"

urlpatterns = [
    path("", public.home, name="home"),
    path("help/", public.help_page, name="help"),
    path("theme/", public.theme, name="theme"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("login/otp/", auth.otp_verify, name="otp_verify"),
    path("account/two-factor/", auth.otp_setup, name="otp_setup"),
    path("register/", auth.register_choose, name="register"),
    path("register/seeker/", auth.register_seeker, name="register_seeker"),
    path("register/employer/", auth.register_employer, name="register_employer"),
    path("me/", seeker.my_data, name="my_data"),
    path("me/download/", seeker.my_data_download, name="my_data_download"),
    path("me/consent/", seeker.consent_change, name="consent_change"),
    path("employer/profile/", employer.employer_profile, name="employer_profile"),
    path("auditor/employers/", auditor.auditor_employers, name="auditor_employers"),
    path(
        "auditor/employers/<int:pk>/activate/",
        auditor.auditor_employer_activate,
        name="auditor_employer_activate",
    ),
    path("auditor/registrations/", auditor_registrations.auditor_registrations, name="auditor_registrations"),
    path(
        "auditor/registrations/<int:pk>/",
        auditor_registrations.auditor_registration,
        name="auditor_registration",
    ),
    path("", include("frontend.urls_employers")),
    path("", include("frontend.urls_jobs")),
    path("", include("frontend.urls_audit")),
    path("", include("frontend.urls_quota")),
    path("", include("frontend.urls_employment")),
    path("", include("frontend.urls_registry")),
    path("", include("frontend.urls_notifications")),
    path("", include("frontend.urls_assistance")),
    path("", include("frontend.urls_jobfairs")),
    path("", include("frontend.urls_daycentres")),
    path("", include("frontend.urls_training")),
]
