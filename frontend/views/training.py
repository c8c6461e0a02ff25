"""职业技能培训 pages (issue 13): the course catalogue and a course's page (everyone signed in),
and the seeker's own /me/training/ — their training records and the courses that close the
skill gaps of the jobs suggested to them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from matching.selectors import match_jobs_for_seeker
from training import selectors

from .roles import no_store, role_required

SUGGESTIONS = 20


@login_required
def training_courses(request):
    courses = selectors.course_list(request.user).order_by("starts_on", "id")
    return render(request, "frontend/training/courses.html", {"courses": courses})


@login_required
def training_course(request, pk):
    course = get_object_or_404(selectors.course_list(request.user), pk=pk)
    return render(request, "frontend/training/course.html", {"course": course})


@role_required("seeker")
def my_training(request):
    """我的培训: what I attended (as the 残联 recorded it) and courses for my jobs' gaps."""
    matches = match_jobs_for_seeker(user=request.user, k=SUGGESTIONS) if request.user.person_id else []
    context = {
        "records": selectors.training_records_of(request.user),
        "suggested": selectors.courses_for_my_gaps(user=request.user, matches=matches),
    }
    return no_store(render(request, "frontend/training/mine.html", context))
