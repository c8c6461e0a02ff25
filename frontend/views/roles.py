"""Small helpers shared by the role pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404


def role_required(*roles: str):
    """Signed-in users of the given roles only; everyone else gets 404, like the API."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def no_store(response):
    """Pages showing sensitive personal data must not be cached (security.md)."""
    response["Cache-Control"] = "no-store"
    return response


def stored_file_download(attachment):
    """An uploaded document (a model with ``file``, ``name``, ``content_type``) as a download:
    never shown inline or sniffed as another type, never cached. The caller has already decided
    that the user may see it."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
