from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "职业技能培训课程"
