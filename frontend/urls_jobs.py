"""Job-seeker and employer job-market pages."""

urlpatterns: list = []
