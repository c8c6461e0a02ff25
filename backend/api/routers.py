from rest_framework.routers import DefaultRouter


class OptionalSlashRouter(DefaultRouter):
    """Routes answer with or without the trailing slash (`/api/v1/quota/calculate` and `.../calculate/`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.trailing_slash = "/?"
