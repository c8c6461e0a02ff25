from django.urls import re_path

from backend.api.routers import OptionalSlashRouter

from . import alias_views, employment_views, saved_search_views, views

router = OptionalSlashRouter()
router.include_root_view = False  # the registry's router already serves the API root
router.register("jobs", views.JobPostingViewSet, basename="job")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("saved-searches", saved_search_views.SavedSearchViewSet, basename="saved-search")
router.register("employment-records", employment_views.EmploymentRecordViewSet, basename="employment-record")
router.register("learned-aliases", alias_views.LearnedAliasViewSet, basename="learned-alias")

urlpatterns = [
    # Like the routers: with or without the trailing slash.
    re_path(r"^me/matched-jobs/?$", views.MatchedJobsView.as_view(), name="matched-jobs"),
    re_path(r"^me/profile/?$", views.ProfileView.as_view(), name="seeker-profile"),
    re_path(r"^feedback/?$", views.FeedbackView.as_view(), name="match-feedback"),
    re_path(
        r"^feedback/(?P<pk>[0-9]{1,18})/?$",
        saved_search_views.FeedbackDetailView.as_view(),
        name="match-feedback-detail",
    ),
    re_path(r"^occupations/suggest/?$", views.OccupationSuggestView.as_view(), name="occupation-suggest"),
    *router.urls,
]
