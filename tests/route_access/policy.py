"""Who may get a successful answer from which route: the decisions, written down.

Four tables, all keyed by URL name (``frontend:…`` for pages, the DRF router's names for the
API):

* ``PUBLIC`` — anyone, signed in or not, may use the route (the body must still not show B).
* ``OWN_SCOPE`` — the route answers these actors within their own scope (their own record, their
  own employer's rows, the auditor's regions). Any answer but a 5xx, and the body must not show B.
* ``FILL`` — which object of tenant B goes into each URL kwarg. A route with a kwarg that is not
  here fails the test: add the mapping, choosing B's object the route is about.
* ``QUERY`` — a query string some routes need (exports as CSV, so a leak shows as text).

Every other (route, actor) pair gets the strict default: signed-out visitors are sent to the
login page (pages) or get 401 (API); every signed-in role gets 403, 404 or 405 — never a 2xx and
never a redirect — as the Chinese error page (pages) or JSON with a "detail" (API). The
administrator reads everything (security.md: administrators see all), so for ``ADMIN`` only "no
5xx" is checked. A new route is therefore denied until someone adds it here, which is the point
(style.md §15).
"""

from __future__ import annotations

from .world import AUDITOR, HR, SEEKER, SERVICE, SIGNED_IN, STAFF

EMPLOYER = frozenset({HR, STAFF})

PUBLIC = frozenset(
    {
        # pages
        "frontend:home",
        "frontend:help",
        "frontend:theme",
        "frontend:login",
        "frontend:logout",
        "frontend:register",
        "frontend:register_seeker",
        "frontend:register_employer",
        "frontend:quota_calculator",
        "frontend:quota_policy",
        "frontend:jobs_search",
        "frontend:job_detail",  # open postings only; B's is closed, so a 200 would show its title
        "frontend:password_reset",  # the same answer whether or not an account exists
        "frontend:password_reset_confirm",  # works only with the identifier in the session
        # API
        "api-login",
        "api-register-seeker",
        "api-register-employer",
        "region-list",
        "region-detail",
        "quota-calculate",
        "occupation-suggest",
        "job-list",
        "job-detail",  # as frontend:job_detail
        # 专场招聘会: published fairs are public; B's fair is a draft, so a 200 would show its title
        "frontend:fair_list",
        "frontend:fair_detail",
        "job-fair-list",
        "job-fair-detail",
        "schema",
        "api-docs",
        # probes (backend/health.py): statuses only, no data
        "healthz",
        "readyz",
    }
)

OWN_SCOPE: dict[str, frozenset[str]] = {
    # --- signed-in reference data and the caller's own account ---
    "api-root": SIGNED_IN,
    "api-me": SIGNED_IN,
    "api-logout": SIGNED_IN,
    "quota-policy-list": SIGNED_IN,
    "quota-policy-current": SIGNED_IN,
    "quota-policy-detail": SIGNED_IN,
    # --- registry ---
    "employer-list": EMPLOYER | {AUDITOR},
    "person-list": SIGNED_IN,  # a seeker: themselves; employer staff: nobody; auditor: region
    "person-me": {SEEKER},
    "person-export-me": {SEEKER},
    "consent-list": {SEEKER},
    "consent-withdraw": {SEEKER},
    "accesslog-list": SIGNED_IN,  # a seeker: reads of their own data; auditor: region
    # --- quota ---
    "quota-report-list": EMPLOYER | {AUDITOR},
    "quota-report-roster-template": EMPLOYER | {AUDITOR},
    "quota-roster-line-list": EMPLOYER | {AUDITOR},
    "quota-audit-list": {AUDITOR},
    "quota-notice-list": EMPLOYER | {AUDITOR},
    "quota-payment-list": EMPLOYER | {AUDITOR},
    "quota-adjustment-list": EMPLOYER | {AUDITOR},
    "quota-ledger-list": EMPLOYER | {AUDITOR},
    "quota-ledger-propose-from-policy": {AUDITOR},
    "quota-credit-flag-list": EMPLOYER | {AUDITOR},
    "quota-credit-flag-export": {AUDITOR},
    "quota-credit-case-list": EMPLOYER | {AUDITOR},
    "employer-change-request-list": EMPLOYER | {AUDITOR},
    "registration-review-list": {AUDITOR},  # 残联 auditors: registrations in their regions
    # --- matching ---
    "matched-jobs": {SEEKER},
    "seeker-profile": {SEEKER},
    "match-feedback": {SEEKER},
    "saved-search-list": {SEEKER},
    "application-list": {SEEKER, AUDITOR} | EMPLOYER,
    "employment-record-list": {SEEKER, AUDITOR} | EMPLOYER,
    # aliases employers taught the occupation coder: city-wide, 残联 就业服务专员 list and revoke
    "learned-alias-list": {SERVICE},
    "learned-alias-revoke": {SERVICE},
    # --- indicators ---
    "indicators-plan": {AUDITOR},
    "training-record-list": {AUDITOR},
    "registry-import-list": {AUDITOR},
    # --- job fairs: employers book booths, seekers register and read their route; organisers
    # (就业服务专员, administrators) create, publish and record results — no actor here but the admin
    "job-fair-booths": EMPLOYER,
    "job-fair-register": {SEEKER},
    "job-fair-route": {SEEKER},
    "job-fair-booth-list": SIGNED_IN,  # booths of published fairs; employers: their own
    "job-fair-booth-detail": SIGNED_IN,
    "job-fair-booth-withdraw": EMPLOYER,
    "job-fair-registration-list": {SEEKER, SERVICE},  # seekers their own; service staff their regions' fairs
    "job-fair-result-list": SIGNED_IN,  # seeker: their own; employer: their booths'; auditor: none  # import history and upload (verification data, city-wide)
    "registry-confirmation-list": {AUDITOR},  # 人工核验: list city-wide; create checks the line's region
    # --- seeker pages ---
    "frontend:my_data": {SEEKER},
    "frontend:my_data_download": {SEEKER},
    "frontend:consent_change": {SEEKER},
    "frontend:matched_jobs": {SEEKER},
    "frontend:my_applications": {SEEKER},
    "frontend:my_employment_records": {SEEKER},
    "frontend:employer_employment_records": EMPLOYER,
    "frontend:auditor_employment_records": {AUDITOR},
    "frontend:auditor_employment_record_new": {AUDITOR},
    "frontend:seeker_profile": {SEEKER},
    "frontend:seeker_profile_review": {SEEKER},
    "frontend:seeker_profile_discard": {SEEKER},
    "frontend:seeker_profile_step": {SEEKER},
    "frontend:seeker_start": {SEEKER},
    "frontend:saved_searches": {SEEKER},
    "frontend:saved_search_new": {SEEKER},
    "frontend:not_suitable": {SEEKER},
    # --- second factor: enrol and verify (any signed-in user; the page says what to do) ---
    "frontend:otp_setup": SIGNED_IN,
    "frontend:otp_verify": SIGNED_IN,
    # --- employer pages ---
    "frontend:employer_profile": EMPLOYER,
    "frontend:employer_choose": EMPLOYER,
    "frontend:employer_change_request": EMPLOYER,
    "frontend:employer_postings": EMPLOYER,
    "frontend:posting_new": EMPLOYER,
    "frontend:posting_new_checklist": EMPLOYER,
    "frontend:employer_applications": EMPLOYER,
    "frontend:employer_credit": EMPLOYER,
    "frontend:quota_reports": EMPLOYER,
    "frontend:employer_notices": EMPLOYER,
    # --- auditor pages (lists scoped to the auditor's regions; forms that pick within them) ---
    "frontend:auditor_employers": {AUDITOR},
    "frontend:auditor_change_requests": {AUDITOR},
    "frontend:auditor_registrations": {AUDITOR},
    "frontend:audit_credit_cases": {AUDITOR},
    "frontend:audit_compliance": {AUDITOR},
    "frontend:audit_compliance_export": {AUDITOR},
    "frontend:audit_reports": {AUDITOR},
    "frontend:audit_runs": {AUDITOR},
    "frontend:audit_notices": {AUDITOR},
    "frontend:audit_ledger": {AUDITOR},
    "frontend:audit_ledger_new": {AUDITOR},
    "frontend:audit_ledger_policy": {AUDITOR},
    "frontend:audit_credit": {AUDITOR},
    "frontend:audit_credit_export": {AUDITOR},
    "frontend:audit_credit_new": {AUDITOR},
    "frontend:audit_dashboard": {AUDITOR},
    # --- verification data: city-wide, auditors of any kind (and administrators) import and read ---
    "frontend:registry_imports": {AUDITOR},
    "frontend:fair_new": {SERVICE},  # 就业服务专员 organise fairs in their regions (and administrators)
    "frontend:fair_booth_new": EMPLOYER,
    "frontend:fair_booth_withdraw": EMPLOYER,
    "frontend:fair_register": {SEEKER},
    "frontend:fair_route": {SEEKER},
    "frontend:registry_import_upload": {AUDITOR},
    "frontend:registry_import_confirm": {AUDITOR},
    "frontend:audit_training": {AUDITOR},
    "frontend:audit_training_new": {AUDITOR},
    # --- 消息 and 手语视频: each user's own inbox, channels and bookings; the service desk (any
    # auditor, city-wide) lists and arranges every booking ---
    "frontend:notifications": SIGNED_IN,
    "frontend:notification_read": SIGNED_IN,
    "frontend:notification_preferences": SIGNED_IN,
    "frontend:sign_language": SIGNED_IN,
    "frontend:sign_language_done": SIGNED_IN,
    "frontend:sign_language_mine": SIGNED_IN,
    "frontend:sign_language_desk": {AUDITOR},
    "frontend:sign_language_desk_handle": {AUDITOR},
    "notification-list": SIGNED_IN,
    "notification-mark-read": SIGNED_IN,
    "notification-preferences": SIGNED_IN,
    "sign-language-booking-list": SIGNED_IN,
    "sign-language-booking-handle": {AUDITOR},
    # --- 就业援助 (issue 15): service staff in their regions, the seeker their own ---
    "assistance-seeker-list": {SERVICE},
    "assistance-case-list": {SEEKER, SERVICE},
    "assistance-assessment-list": {SEEKER, SERVICE},
    "frontend:service_seekers": {SERVICE},
    "frontend:service_cases": {SERVICE},
    "frontend:my_assistance": {SEEKER},
    # --- 残疾人之家 and individual subsidies (issue 15): auditors read their regions' centres and
    # applications; a seeker reads and files their own ---
    "day-centre-list": {AUDITOR, SERVICE},
    "subsidy-application-list": {SEEKER, AUDITOR, SERVICE},  # service staff file for seekers of their regions
    "frontend:day_centres": {AUDITOR, SERVICE},
    "frontend:my_subsidies": {SEEKER},
    "frontend:audit_subsidies": {AUDITOR},
    "frontend:service_subsidies": {SERVICE},  # files for persons of their own regions
    # --- 职业技能培训 (issue 13): published courses for everyone signed in (B's is a draft in
    # 城厢镇, outside the 沙溪镇 service staff's regions); a seeker's own records and suggestions ---
    "training-course-list": SIGNED_IN,
    "frontend:training_courses": SIGNED_IN,
    "my-training-records": {SEEKER},
    "frontend:my_training": {SEEKER},
    # the staff's course management: 沙溪镇's staff keep 沙溪镇's courses (B's draft is in 城厢镇,
    # so its edit/publish/delete routes keep the strict default); the alias page is city-wide
    "frontend:course_manage_list": {SERVICE},
    "frontend:course_manage_new": {SERVICE},
    "frontend:learned_aliases": {SERVICE},
    "frontend:learned_alias_revoke": {SERVICE},
}


def fixed(value):
    """A kwarg value that is not a tenant's object (a step name, a region code)."""
    return lambda world: value


def _learned_alias(world) -> int:
    """A learned alias (city-wide reference data, no tenant, so nothing of B's to name)."""
    from django.utils import timezone

    from matching.models import LearnedAlias

    alias, _ = LearnedAlias.objects.get_or_create(
        title_key="电子厂普工", code="6-25-04-07", defaults={"promoted_at": timezone.now()}
    )
    return alias.pk


# kwarg → name of a World attribute (its pk is used) or fixed(value).
_REPORT = {"pk": "report_b"}
_LINE = {"pk": "line_b"}
_RUN = {"pk": "run_b"}
_NOTICE = {"pk": "notice_b"}
_LEDGER = {"pk": "ledger_b"}
_FLAG = {"pk": "flag_b"}
_POSTING = {"pk": "posting_b"}
_APPLICATION = {"pk": "application_b"}
_REPORT_LINE = {"pk": "report_b", "line_pk": "line_b"}
_CASE = {"pk": "case_b"}
_CHANGE_REQUEST = {"pk": "change_request_b"}
_REVIEW = {"pk": "review_b"}

FILL: dict[str, dict] = {
    # --- API: registry ---
    "region-detail": {"code": fixed("320585100")},
    "employer-detail": {"pk": "employer_b"},
    "employer-activate": {"pk": "employer_b"},
    "employer-history": {"pk": "employer_b"},
    "employer-registry-change": {"pk": "employer_b"},
    **dict.fromkeys(
        [
            "employer-change-request-detail",
            "employer-change-request-approve",
            "employer-change-request-reject",
        ],
        _CHANGE_REQUEST,
    ),
    **dict.fromkeys(
        ["registration-review-detail", "registration-review-link", "registration-review-reject"], _REVIEW
    ),
    "person-detail": {"pk": "person_b"},
    "person-reveal": {"pk": "person_b"},
    "accesslog-detail": {"pk": "access_log_b"},
    # --- API: quota ---
    "quota-policy-detail": {"pk": "policy"},
    **dict.fromkeys(
        [
            "quota-report-detail",
            "quota-report-approve",
            "quota-report-carry-forward",
            "quota-report-history",
            "quota-report-preview",
            "quota-report-return",
            "quota-report-roster-errors",
            "quota-report-roster-import",
            "quota-report-roster-draft",
            "quota-report-submit",
            "quota-report-contact",
            "quota-report-hires-needed",
            "quota-report-attachments",
        ],
        _REPORT,
    ),
    "quota-report-attachment-remove": {"pk": "report_b", "attachment_id": "attachment_b"},
    "quota-roster-line-detail": _LINE,
    "quota-roster-line-reveal": _LINE,
    **dict.fromkeys(
        ["quota-audit-results", "quota-audit-findings", "quota-audit-detail", "quota-audit-export"], _RUN
    ),
    "quota-notice-detail": _NOTICE,
    "quota-notice-cancel": _NOTICE,
    "quota-payment-detail": {"pk": "payment_b"},
    "quota-adjustment-detail": {"pk": "adjustment_b"},
    **dict.fromkeys(
        ["quota-ledger-detail", "quota-ledger-approve", "quota-ledger-paid", "quota-ledger-reject"], _LEDGER
    ),
    **dict.fromkeys(
        [
            "quota-credit-flag-detail",
            "quota-credit-flag-decide",
            "quota-credit-flag-objection",
            "quota-credit-flag-close",
            "quota-credit-flag-close-decision",
        ],
        _FLAG,
    ),
    **dict.fromkeys(
        [
            "quota-credit-case-detail",
            "quota-credit-case-decide",
            "quota-credit-case-statement",
            "quota-credit-case-waive",
        ],
        _CASE,
    ),
    "quota-credit-case-file": {"pk": "case_b", "file_id": "case_file_b"},
    # --- API: matching, indicators ---
    **dict.fromkeys(["job-detail", "job-apply", "job-candidates", "job-close"], _POSTING),
    "application-detail": _APPLICATION,
    "learned-alias-revoke": {"pk": _learned_alias},
    "frontend:learned_alias_revoke": {"pk": _learned_alias},
    "employment-record-detail": {"pk": "employment_b"},
    "employment-record-correct": {"pk": "employment_b"},
    "application-transition": _APPLICATION,
    "application-invite": _APPLICATION,
    "application-invitations": _APPLICATION,
    "application-respond": _APPLICATION,
    "saved-search-detail": {"pk": "saved_search_b"},
    "match-feedback-detail": {"pk": "feedback_b"},
    "training-record-detail": {"pk": "training_b"},
    **dict.fromkeys(
        [
            "assistance-case-detail",
            "assistance-case-plan",
            "assistance-case-goals",
            "assistance-case-contacts",
            "assistance-case-referrals",
            "assistance-case-referral-status",
            "assistance-case-placement",
            "assistance-case-follow-ups",
            "assistance-case-close",
            "assistance-case-matches",
            "frontend:service_case",
            "frontend:service_assessment_new",
        ],
        {"pk": "assistance_case_b"},
    ),
    **dict.fromkeys(
        [
            "assistance-assessment-detail",
            "assistance-assessment-answer",
            "frontend:assessment_plan",
            "frontend:my_assessment",
        ],
        {"pk": "assessment_b"},
    ),
    "frontend:service_case_open": {"person_pk": "person_b"},
    # --- pages ---
    "frontend:auditor_employer_activate": {"pk": "employer_b"},
    "frontend:auditor_employer": {"pk": "employer_b"},
    "frontend:auditor_employer_registry": {"pk": "employer_b"},
    "frontend:auditor_change_request": _CHANGE_REQUEST,
    "frontend:auditor_registration": _REVIEW,
    **dict.fromkeys(
        [
            "frontend:audit_credit_case",
            "frontend:audit_credit_case_decide",
            "frontend:employer_statement",
            "frontend:employer_waive",
        ],
        _CASE,
    ),
    "frontend:credit_file": {"pk": "case_file_b"},
    **dict.fromkeys(["frontend:job_detail", "frontend:job_apply", "frontend:job_feedback"], _POSTING),
    "frontend:my_application_withdraw": _APPLICATION,
    "frontend:my_application_sharing": _APPLICATION,
    "frontend:seeker_profile_step": {"slug": fixed("wish")},
    **dict.fromkeys(
        ["frontend:saved_search_pause", "frontend:saved_search_delete"], {"pk": "saved_search_b"}
    ),
    "frontend:not_suitable_undo": {"pk": "feedback_b"},
    **dict.fromkeys(
        [
            "frontend:posting_edit",
            "frontend:posting_checklist",
            "frontend:posting_close",
            "frontend:posting_candidates",
        ],
        _POSTING,
    ),
    "frontend:employer_application": _APPLICATION,
    "frontend:employer_invite": _APPLICATION,
    "frontend:my_invitation_respond": {"pk": "invitation_b"},
    "frontend:employer_notice": _NOTICE,
    "frontend:quota_attachment_file": {"pk": "attachment_b"},
    "frontend:quota_attachment_remove": {"pk": "report_b", "attachment_pk": "attachment_b"},
    **dict.fromkeys(
        ["frontend:audit_report", "frontend:audit_report_approve", "frontend:audit_report_return"], _REPORT
    ),
    "frontend:audit_notice_issue": {"pk": "approved_b"},
    "frontend:audit_reveal": _REPORT_LINE,
    "frontend:audit_certificate_confirm": _REPORT_LINE,
    "frontend:audit_run": _RUN,
    **dict.fromkeys(
        [
            "frontend:audit_notice",
            "frontend:audit_payment",
            "frontend:audit_adjust",
            "frontend:audit_notice_cancel",
        ],
        _NOTICE,
    ),
    "frontend:audit_ledger_decide": _LEDGER,
    "frontend:audit_ledger_paid": _LEDGER,
    **dict.fromkeys(
        [
            "frontend:audit_credit_flag",
            "frontend:audit_objection_decide",
            "frontend:audit_flag_close",
            "frontend:audit_closure_decide",
        ],
        _FLAG,
    ),
    "frontend:employer_objection": _FLAG,
    **dict.fromkeys(
        [
            "frontend:quota_report",
            "frontend:quota_headcount",
            "frontend:quota_wages",
            "frontend:quota_roster",
            "frontend:quota_roster_draft",
            "frontend:quota_line_add",
            "frontend:quota_carry_forward",
            "frontend:quota_template",
            "frontend:quota_import",
            "frontend:quota_import_confirm",
            "frontend:quota_import_errors",
            "frontend:quota_preview",
            "frontend:quota_preview_live",
            "frontend:quota_review",
            "frontend:quota_whatif",
            "frontend:quota_print",
            "frontend:quota_pdf",
            "frontend:quota_contact",
            "frontend:quota_attachments",
            "frontend:quota_receipt",
        ],
        _REPORT,
    ),
    "frontend:quota_line_edit": _REPORT_LINE,
    "frontend:auditor_employment_record": {"pk": "employment_b"},
    "frontend:quota_roster_draft_decide": {"pk": "report_b", "person_pk": "person_b"},
    "frontend:quota_line_remove": _REPORT_LINE,
    "frontend:sign_language_desk_handle": {"pk": "booking_b"},
    "sign-language-booking-handle": {"pk": "booking_b"},
    # --- job fairs ---
    **dict.fromkeys(
        [
            "frontend:fair_detail",
            "frontend:fair_booth_new",
            "frontend:fair_register",
            "frontend:fair_route",
            "frontend:fair_publish",
            "frontend:fair_results",
            "job-fair-detail",
            "job-fair-booths",
            "job-fair-register",
            "job-fair-route",
            "job-fair-publish",
        ],
        {"pk": "fair_b"},
    ),
    **dict.fromkeys(
        ["frontend:fair_booth_withdraw", "job-fair-booth-detail", "job-fair-booth-withdraw"],
        {"pk": "booth_b"},
    ),
    # --- training courses (issue 13) ---
    **dict.fromkeys(
        [
            "training-course-detail",
            "training-course-publish",
            "training-course-unpublish",
            "frontend:training_course",
            "frontend:course_manage_edit",
            "frontend:course_manage_publish",
            "frontend:course_manage_unpublish",
            "frontend:course_manage_delete",
        ],
        {"pk": "course_b"},
    ),
    # --- 残疾人之家 and individual subsidies (issue 15) ---
    **dict.fromkeys(
        [
            "day-centre-detail",
            "day-centre-members",
            "day-centre-orders",
            "frontend:day_centre",
            "frontend:day_centre_propose_subsidy",
            "frontend:day_centre_member_add",
            "frontend:day_centre_member_leave",
            "frontend:day_centre_order_new",
        ],
        {"pk": "centre_b"},
    ),
    **dict.fromkeys(
        [
            "frontend:day_centre_order",
            "frontend:day_centre_order_income",
            "frontend:day_centre_order_distribute",
            "frontend:day_centre_order_status",
        ],
        {"pk": "centre_b", "order_pk": "order_b"},
    ),
    **dict.fromkeys(
        [
            "subsidy-application-detail",
            "subsidy-application-propose",
            "subsidy-application-refuse",
            "frontend:audit_subsidy_propose",
        ],
        {"pk": "subsidy_application_b"},
    ),
}

# Query strings: exports as CSV (an xlsx is zipped, so a leak would not show as a substring).
QUERY: dict[str, str] = {
    "frontend:audit_compliance": "year={year}",
    "frontend:audit_compliance_export": "year={year}&format=csv",
    "frontend:audit_credit_export": "format=csv",
    "quota-audit-export": "format=csv",
    "quota-credit-flag-export": "format=csv",
    "indicators-plan": "data_year={year}",
}
