from django.apps import AppConfig


class DaycentresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "daycentres"
    verbose_name = "残疾人之家与个人补贴"
