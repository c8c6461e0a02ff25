"""职业技能培训 course management for the 就业服务专员 of a region and administrators (issue 13):
the courses they keep (drafts included), a form to create and edit one, and publish, unpublish
and delete. The pages parse and call training.services, which decide who may keep what."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.models import Region
from backend.accounts.permissions import is_admin
from training import selectors
from training.services import course_create, course_delete, course_set_published, course_update

from ..forms_training import CourseForm
from .roles import role_required

KEEPERS = ("service", "admin")


def _regions(user):
    """The regions a course may be placed in: all for an administrator, else the staff member's
    regions and the towns inside them (the choices; the service checks again)."""
    if is_admin(user):
        return Region.objects.order_by("code")
    regions = Region.objects.none()
    for path in user.regions.values_list("path", flat=True):
        regions |= Region.objects.filter(path__startswith=path)
    return regions.order_by("code")


def _kept_or_404(user, pk):
    # Outside the user's regions a course answers 404, like the API (security.md "Access").
    return get_object_or_404(selectors.courses_kept_by(user), pk=pk)


def _save(request, form, course=None):
    """Call the service with the parsed form; its ValidationError lands on the fields it names."""
    try:
        if course is None:
            return course_create(by=request.user, **form.cleaned_data)
        return course_update(by=request.user, course=course, **form.cleaned_data)
    except ValidationError as exc:
        form.add_service_errors(exc)
    except PermissionDenied as exc:
        form.add_error("region", str(exc))
    return None


@role_required(*KEEPERS)
def course_manage_list(request):
    courses = selectors.courses_kept_by(request.user)
    return render(request, "frontend/training/manage_list.html", {"courses": courses})


@role_required(*KEEPERS)
def course_manage_new(request):
    form = CourseForm(request.POST if request.method == "POST" else None, regions=_regions(request.user))
    if request.method == "POST" and form.is_valid():
        course = _save(request, form)
        if course is not None:
            messages.success(request, f"已保存草稿：{course.name}。核对后请发布，求职者才能看到。")
            return redirect("frontend:course_manage_list")
    return render(request, "frontend/training/manage_form.html", {"form": form, "course": None})


@role_required(*KEEPERS)
def course_manage_edit(request, pk):
    course = _kept_or_404(request.user, pk)
    form = CourseForm(
        request.POST if request.method == "POST" else None,
        initial=CourseForm.initial_for(course),
        regions=_regions(request.user),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, course)
        if saved is not None:
            messages.success(request, f"已保存：{saved.name}")
            return redirect("frontend:course_manage_list")
    return render(request, "frontend/training/manage_form.html", {"form": form, "course": course})


def _set_published(request, pk, published: bool):
    course = _kept_or_404(request.user, pk)
    course = course_set_published(by=request.user, course=course, published=published)
    if published:
        messages.success(request, f"已发布：{course.name}。求职者现在可以看到这门课程。")
    else:
        messages.success(request, f"已撤回为草稿：{course.name}。求职者不再看到这门课程。")
    return redirect("frontend:course_manage_list")


@role_required(*KEEPERS)
@require_POST
def course_manage_publish(request, pk):
    return _set_published(request, pk, True)


@role_required(*KEEPERS)
@require_POST
def course_manage_unpublish(request, pk):
    return _set_published(request, pk, False)


@role_required(*KEEPERS)
def course_manage_delete(request, pk):
    """GET asks to confirm; POST deletes (attendance records are kept apart)."""
    course = _kept_or_404(request.user, pk)
    if request.method == "POST":
        name = course.name
        course_delete(by=request.user, course=course)
        messages.success(request, f"已删除课程：{name}")
        return redirect("frontend:course_manage_list")
    return render(request, "frontend/training/manage_delete.html", {"course": course})
