"""Session absolute timeout and a request id for the access log."""

import time
import uuid

from django.conf import settings
from django.contrib.auth import logout

LOGIN_AT = "_login_at"


class SessionTimeoutMiddleware:
    """End a session a fixed time after login, however active (the idle timeout is the cookie age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = time.time()
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class RequestIdMiddleware:
    """Give each request an id (or keep the proxy's X-Request-ID) so access-log rows can be traced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming[:64] if incoming else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
