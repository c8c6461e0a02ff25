"""Job-seeker and employer job-market pages."""

from django.urls import path

from .views import (
    jobs_employer,
    jobs_interviews,
    jobs_pipeline,
    jobs_profile,
    jobs_seeker,
    learned_aliases,
    seeker_journey,
)

urlpatterns = [
    # job-seekers (search and detail are open to everyone, like the API)
    path("jobs/", jobs_seeker.job_search_page, name="jobs_search"),
    path("jobs/<int:pk>/", jobs_seeker.job_detail, name="job_detail"),
    path("jobs/<int:pk>/apply/", jobs_seeker.job_apply, name="job_apply"),
    path("jobs/<int:pk>/not-suitable/", jobs_seeker.job_feedback, name="job_feedback"),
    path("me/matched/", jobs_seeker.matched_jobs, name="matched_jobs"),
    path("me/applications/", jobs_seeker.my_applications, name="my_applications"),
    path(
        "me/applications/<int:pk>/withdraw/",
        jobs_seeker.my_application_withdraw,
        name="my_application_withdraw",
    ),
    path(
        "me/applications/<int:pk>/sharing/",
        jobs_seeker.my_application_sharing,
        name="my_application_sharing",
    ),
    path(
        "me/invitations/<int:pk>/",
        jobs_interviews.my_invitation_respond,
        name="my_invitation_respond",
    ),
    path("me/start/", seeker_journey.start_page, name="seeker_start"),
    path("me/saved-searches/", seeker_journey.saved_searches, name="saved_searches"),
    path("me/saved-searches/new/", seeker_journey.saved_search_new, name="saved_search_new"),
    path("me/saved-searches/<int:pk>/pause/", seeker_journey.saved_search_pause, name="saved_search_pause"),
    path(
        "me/saved-searches/<int:pk>/delete/", seeker_journey.saved_search_remove, name="saved_search_delete"
    ),
    path("me/not-suitable/", seeker_journey.not_suitable, name="not_suitable"),
    path("me/not-suitable/<int:pk>/undo/", seeker_journey.not_suitable_undo, name="not_suitable_undo"),
    path("me/profile/", jobs_profile.seeker_profile, name="seeker_profile"),
    path("me/profile/review/", jobs_profile.seeker_profile_review, name="seeker_profile_review"),
    path("me/profile/discard/", jobs_profile.seeker_profile_discard, name="seeker_profile_discard"),
    path("me/profile/<slug:slug>/", jobs_profile.seeker_profile_step, name="seeker_profile_step"),
    # employers
    path("employer/postings/", jobs_employer.employer_postings, name="employer_postings"),
    path("employer/postings/new/", jobs_employer.posting_details, name="posting_new"),
    path("employer/postings/new/checklist/", jobs_employer.posting_checklist, name="posting_new_checklist"),
    path("employer/postings/<int:pk>/edit/", jobs_employer.posting_details, name="posting_edit"),
    path("employer/postings/<int:pk>/checklist/", jobs_employer.posting_checklist, name="posting_checklist"),
    path("employer/postings/<int:pk>/close/", jobs_employer.posting_close_page, name="posting_close"),
    path(
        "employer/postings/<int:pk>/candidates/", jobs_employer.posting_candidates, name="posting_candidates"
    ),
    path("employer/applications/", jobs_pipeline.employer_applications, name="employer_applications"),
    path("employer/applications/<int:pk>/", jobs_pipeline.employer_application, name="employer_application"),
    path("employer/applications/<int:pk>/invite/", jobs_interviews.employer_invite, name="employer_invite"),
    # the aliases employers taught the occupation coder: 残联 就业服务专员 and administrators (issue 13)
    path("service/learned-aliases/", learned_aliases.learned_aliases, name="learned_aliases"),
    path(
        "service/learned-aliases/<int:pk>/revoke/",
        learned_aliases.learned_alias_revoke_page,
        name="learned_alias_revoke",
    ),
]
