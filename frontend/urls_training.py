"""职业技能培训 pages (issue 13): the course catalogue, the seeker's own training and the
staff's course management."""

from django.urls import path

from .views import training
from .views import training_manage as manage

urlpatterns = [
    path("training/", training.training_courses, name="training_courses"),
    path("training/courses/<int:pk>/", training.training_course, name="training_course"),
    path("me/training/", training.my_training, name="my_training"),
    # keeping the catalogue: the 就业服务专员 of the course's region and administrators
    path("service/training/", manage.course_manage_list, name="course_manage_list"),
    path("service/training/new/", manage.course_manage_new, name="course_manage_new"),
    path("service/training/<int:pk>/edit/", manage.course_manage_edit, name="course_manage_edit"),
    path("service/training/<int:pk>/publish/", manage.course_manage_publish, name="course_manage_publish"),
    path(
        "service/training/<int:pk>/unpublish/", manage.course_manage_unpublish, name="course_manage_unpublish"
    ),
    path("service/training/<int:pk>/delete/", manage.course_manage_delete, name="course_manage_delete"),
]
