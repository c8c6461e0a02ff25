"""Auditors' pages: compliance table, decisions, credit flags, indicators dashboard."""

from django.urls import path

from .views import audit_compliance as compliance
from .views import audit_credit as credit
from .views import audit_credit_cases as cases
from .views import audit_decide as decide
from .views import audit_indicators as indicators
from .views import audit_money as money
from .views import audit_runs as runs

urlpatterns = [
    path("auditor/compliance/", compliance.compliance_table, name="audit_compliance"),
    path("auditor/compliance/export/", compliance.compliance_export, name="audit_compliance_export"),
    path("auditor/reports/", compliance.report_queue, name="audit_reports"),
    path("auditor/reports/<int:pk>/", compliance.report_detail, name="audit_report"),
    path("auditor/reports/<int:pk>/approve/", decide.report_approve_view, name="audit_report_approve"),
    path("auditor/reports/<int:pk>/return/", decide.report_return_view, name="audit_report_return"),
    path("auditor/reports/<int:pk>/notice/", decide.notice_issue_view, name="audit_notice_issue"),
    path("auditor/reports/<int:pk>/lines/<int:line_pk>/reveal/", decide.roster_reveal, name="audit_reveal"),
    path(
        "auditor/reports/<int:pk>/lines/<int:line_pk>/confirm/",
        decide.certificate_confirm_view,
        name="audit_certificate_confirm",
    ),
    path("auditor/audits/", runs.audit_runs, name="audit_runs"),
    path("auditor/audits/<int:pk>/", runs.audit_run, name="audit_run"),
    path("auditor/notices/", money.notices, name="audit_notices"),
    path("auditor/notices/<int:pk>/", money.notice_detail, name="audit_notice"),
    path("auditor/notices/<int:pk>/payment/", money.payment_record_view, name="audit_payment"),
    path("auditor/notices/<int:pk>/adjust/", money.adjustment_view, name="audit_adjust"),
    path("auditor/notices/<int:pk>/cancel/", money.notice_cancel_view, name="audit_notice_cancel"),
    path("auditor/ledger/", money.ledger_list, name="audit_ledger"),
    path("auditor/ledger/new/", money.ledger_propose, name="audit_ledger_new"),
    path("auditor/ledger/from-policy/", money.ledger_propose_policy, name="audit_ledger_policy"),
    path("auditor/ledger/<int:pk>/decide/", money.ledger_decide, name="audit_ledger_decide"),
    path("auditor/ledger/<int:pk>/paid/", money.ledger_paid, name="audit_ledger_paid"),
    path("auditor/credit/", credit.credit_flags, name="audit_credit"),
    path("auditor/credit/export/", credit.credit_export, name="audit_credit_export"),
    path("auditor/credit/new/", cases.credit_case_open, name="audit_credit_new"),
    path("auditor/credit/cases/", cases.credit_cases, name="audit_credit_cases"),
    path("auditor/credit/cases/<int:pk>/", cases.credit_case_detail, name="audit_credit_case"),
    path("auditor/credit/cases/<int:pk>/decide/", cases.credit_case_decide, name="audit_credit_case_decide"),
    path("auditor/credit/<int:pk>/", credit.credit_flag_detail, name="audit_credit_flag"),
    path("auditor/credit/<int:pk>/decide/", credit.objection_decide, name="audit_objection_decide"),
    path("auditor/credit/<int:pk>/close/", credit.flag_close, name="audit_flag_close"),
    path("auditor/credit/<int:pk>/close/decide/", credit.closure_decide, name="audit_closure_decide"),
    path("auditor/indicators/", indicators.dashboard, name="audit_dashboard"),
    path("auditor/training/", indicators.training_records, name="audit_training"),
    path("auditor/training/new/", indicators.training_record_new, name="audit_training_new"),
    path("employer/credit/", credit.employer_credit, name="employer_credit"),
    path("employer/credit/<int:pk>/objection/", credit.employer_objection, name="employer_objection"),
    path("employer/credit/cases/<int:pk>/statement/", cases.employer_statement, name="employer_statement"),
    path("employer/credit/cases/<int:pk>/waive/", cases.employer_waive, name="employer_waive"),
    path("credit/files/<int:pk>/", cases.credit_file, name="credit_file"),
]
