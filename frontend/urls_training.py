"""职业技能培训 pages (issue 13): the course catalogue and the seeker's own training."""

from django.urls import path

from .views import training

urlpatterns = [
    path("training/", training.training_courses, name="training_courses"),
    path("training/courses/<int:pk>/", training.training_course, name="training_course"),
    path("me/training/", training.my_training, name="my_training"),
]
