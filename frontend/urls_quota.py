"""Quota pages: public calculator, policy page, employers' report wizard."""

from django.urls import path

from .views import quota_declaration as declaration
from .views import quota_employer as wizard
from .views import quota_employer_output as output
from .views import quota_employer_roster as roster
from .views import quota_levy as levy
from .views import quota_public
from .views import quota_roster_draft as draft

urlpatterns = [
    path("quota/calculator/", quota_public.calculator, name="quota_calculator"),
    path("quota/policy/", quota_public.policy_page, name="quota_policy"),
    path("employer/quota/", wizard.report_list, name="quota_reports"),
    path("employer/quota/<int:pk>/", wizard.report_overview, name="quota_report"),
    path("employer/quota/<int:pk>/headcount/", wizard.report_headcount, name="quota_headcount"),
    path("employer/quota/<int:pk>/wages/", wizard.report_wages, name="quota_wages"),
    path("employer/quota/<int:pk>/roster/", roster.roster, name="quota_roster"),
    path("employer/quota/<int:pk>/roster/add/", roster.roster_line_new, name="quota_line_add"),
    path("employer/quota/<int:pk>/roster/<int:line_pk>/", roster.roster_line_edit, name="quota_line_edit"),
    path(
        "employer/quota/<int:pk>/roster/<int:line_pk>/remove/",
        roster.roster_line_delete,
        name="quota_line_remove",
    ),
    path(
        "employer/quota/<int:pk>/roster/carry-forward/",
        roster.roster_carry_forward,
        name="quota_carry_forward",
    ),
    path(
        "employer/quota/<int:pk>/roster/template.xlsx", roster.roster_template_download, name="quota_template"
    ),
    path("employer/quota/<int:pk>/roster/draft/", draft.roster_draft, name="quota_roster_draft"),
    path(
        "employer/quota/<int:pk>/roster/draft/<int:person_pk>/",
        draft.roster_draft_decide,
        name="quota_roster_draft_decide",
    ),
    path("employer/quota/<int:pk>/roster/import/", roster.roster_upload, name="quota_import"),
    path(
        "employer/quota/<int:pk>/roster/import/confirm/",
        roster.roster_import_confirm,
        name="quota_import_confirm",
    ),
    path(
        "employer/quota/<int:pk>/roster/errors.xlsx",
        roster.roster_errors_download,
        name="quota_import_errors",
    ),
    path("employer/quota/<int:pk>/contact/", declaration.report_contact, name="quota_contact"),
    path("employer/quota/<int:pk>/attachments/", declaration.report_attachments, name="quota_attachments"),
    path(
        "employer/quota/<int:pk>/attachments/<int:attachment_pk>/remove/",
        declaration.report_attachment_delete,
        name="quota_attachment_remove",
    ),
    path("quota/attachments/<int:pk>/", declaration.report_attachment_file, name="quota_attachment_file"),
    path("employer/quota/<int:pk>/receipt/", declaration.report_receipt, name="quota_receipt"),
    path("employer/quota/<int:pk>/preview/", wizard.report_preview, name="quota_preview"),
    path("employer/quota/<int:pk>/preview/live/", wizard.report_preview_live, name="quota_preview_live"),
    path("employer/quota/<int:pk>/review/", wizard.report_review, name="quota_review"),
    path("employer/levy/", levy.employer_notices, name="employer_notices"),
    path("employer/levy/<int:pk>/", levy.employer_notice, name="employer_notice"),
    path("employer/quota/<int:pk>/what-if/", output.report_whatif, name="quota_whatif"),
    path("employer/quota/<int:pk>/print/", output.report_print, name="quota_print"),
    path("employer/quota/<int:pk>/report.pdf", output.report_pdf_download, name="quota_pdf"),
]
