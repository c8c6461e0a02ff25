from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "jobfairs"
    verbose_name = "就业专场招聘会"
