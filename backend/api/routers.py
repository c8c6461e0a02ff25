from rest_framework.routers import DefaultRouter


class OptionalSlashRouter(DefaultRouter):
    """Routes answer with or without the trailing slash (`/api/v1/quota/calculate` and `.../calculate/`).

    No format-suffix routes (`/reports/5.json`): the API speaks JSON only, the schema (and so the
    fuzzer) never lists them, and views with their own signatures crash on the extra `format`
    kwarg (found by tests/test_route_access.py).
    """

    include_format_suffixes = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.trailing_slash = "/?"
