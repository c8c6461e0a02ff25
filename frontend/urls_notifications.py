"""消息 (inbox and channels), 忘记密码, 手语视频服务预约."""

from django.urls import path

from .views import notifications, password_reset, sign_language

urlpatterns = [
    path("me/notifications/", notifications.inbox, name="notifications"),
    path("me/notifications/read/", notifications.mark_read, name="notification_read"),
    path("me/notifications/settings/", notifications.preferences, name="notification_preferences"),
    path("password-reset/", password_reset.request_code, name="password_reset"),
    path("password-reset/code/", password_reset.confirm, name="password_reset_confirm"),
    path("sign-language/", sign_language.book, name="sign_language"),
    path("sign-language/done/", sign_language.done, name="sign_language_done"),
    path("sign-language/mine/", sign_language.mine, name="sign_language_mine"),
    path("auditor/sign-language/", sign_language.desk, name="sign_language_desk"),
    path(
        "auditor/sign-language/<int:pk>/handle/", sign_language.desk_handle, name="sign_language_desk_handle"
    ),
]
