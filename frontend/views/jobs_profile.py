"""The job-seeker's profile in short steps (one group of questions per page), a draft kept in
the session between pages, and a review page that saves it with one service call."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from backend.accounts.choices import ConsentScope
from backend.accounts.selectors import person_active_consents, person_disability
from matching.choices import employment_forms_explained
from matching.core.models import DISABILITY_CATEGORIES
from matching.models import SeekerProfile
from matching.services import profile_update

from ..forms_jobs import GRADE_LABELS, DisabilityForm, PayForm, PlaceForm, SkillsForm, WishForm
from .jobs_drafts import answers_of, bound, draft_clear, draft_get, draft_put, initial_of, summary_rows
from .roles import no_store, role_required

DRAFT = "profile"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type
    intro: str = ""
    labels: dict | None = None


STEPS = (
    Step("wish", "想做的工作", WishForm, "先说说您想找什么样的工作。"),
    Step("skills", "技能和经历", SkillsForm, "您会什么、做过什么？写得越具体，推荐越准。"),
    Step("place", "地区、形式和时间", PlaceForm, "您希望在哪里工作、怎么工作。"),
    Step("pay", "待遇", PayForm),
    Step(
        "disability",
        "残疾信息与同意",
        DisabilityForm,
        labels={
            "use_disability_for_matching": ("用我的残疾信息为我推荐岗位", "同意", "不同意"),
            "share_disability_with_employers": ("申请时可以让单位看到我的残疾信息", "同意", "不同意"),
        },
    ),
)
WISH_LABELS = {"visible_to_employers": ("让单位在推荐人选中看到我", "允许", "不允许")}
BY_SLUG = {s.slug: s for s in STEPS}


def _labels(step: Step) -> dict:
    return step.labels or (WISH_LABELS if step.slug == "wish" else {})


def _profile_answers(person) -> dict:
    """The saved profile (or a new one's defaults) as a draft, step by step."""
    profile = SeekerProfile.objects.filter(person=person).first() or SeekerProfile(person=person)
    consents = person_active_consents(person)

    def flag(value):
        return ["on"] if value else []

    money = "" if profile.expected_pay is None else f"{profile.expected_pay.normalize():f}"
    return {
        "wish": {"desired": [profile.desired], "visible_to_employers": flag(profile.visible_to_employers)},
        "skills": {
            "skills": ["、".join(profile.skills)],
            "experience": [profile.experience],
            "education": [profile.education],
        },
        "place": {
            "regions": profile.regions,
            "employment_forms": profile.employment_forms,
            "hours": profile.hours,
        },
        "pay": {"expected_pay": [money]},
        "disability": {
            "needs": profile.needs,
            "can_do": profile.can_do,
            "use_disability_for_matching": flag(ConsentScope.DISABILITY_MATCHING in consents),
            "share_disability_with_employers": flag(ConsentScope.DISABILITY_SHARING in consents),
        },
    }


def _draft(request) -> dict:
    draft = draft_get(request, DRAFT)
    if draft is None:
        draft = _profile_answers(request.user.person)
        draft_put(request, DRAFT, draft)
    return draft


def _no_person(request):
    return render(request, "frontend/jobs/no_person.html")


def _sections(answers: dict) -> tuple[list[dict], dict]:
    """Each step's answers bound to its form: review rows, and the forms' parsed values."""
    sections, values = [], {}
    for step in STEPS:
        form = bound(step.form, answers.get(step.slug, {}))
        valid = form.is_valid()
        sections.append(
            {
                "step": step,
                "url": reverse("frontend:seeker_profile_step", args=[step.slug]) + "?from=review",
                "rows": summary_rows(form, _labels(step)) if valid else [],
                "errors": [] if valid else [e for errs in form.errors.values() for e in errs],
            }
        )
        if valid:
            values.update(form.cleaned_data)
    return sections, values


@role_required("seeker")
def seeker_profile(request):
    """My job-seeking profile as saved, each part with a link to change it."""
    person = request.user.person
    if person is None:
        return _no_person(request)
    exists = SeekerProfile.objects.filter(person=person).exists()
    sections, _ = _sections(_profile_answers(person))
    context = {
        "exists": exists,
        "sections": sections,
        "has_draft": draft_get(request, DRAFT) is not None,
        "first_step": STEPS[0],
    }
    return no_store(render(request, "frontend/jobs/profile_overview.html", context))


@role_required("seeker")
def seeker_profile_step(request, slug):
    person = request.user.person
    if person is None:
        return _no_person(request)
    step = BY_SLUG.get(slug)
    if step is None:
        raise Http404
    index = STEPS.index(step)
    from_review = request.GET.get("from") == "review" or request.POST.get("from") == "review"
    draft = _draft(request)
    if request.method == "POST":
        form = step.form(request.POST)
        if form.is_valid():
            draft[step.slug] = answers_of(step.form, request.POST)
            draft_put(request, DRAFT, draft)
            if from_review or index == len(STEPS) - 1:
                return redirect("frontend:seeker_profile_review")
            return redirect("frontend:seeker_profile_step", STEPS[index + 1].slug)
    else:
        form = step.form(initial=initial_of(step.form, draft.get(step.slug, {})))
    context = {
        "form": form,
        "step": step,
        "number": index + 1,
        "total": len(STEPS),
        "from_review": from_review,
        "back_url": reverse("frontend:seeker_profile_step", args=[STEPS[index - 1].slug]) if index else None,
    }
    if step.slug == "place":
        context["form_explanations"] = employment_forms_explained()
    if step.slug == "disability":
        info = person_disability(person)
        context["disability"] = {
            "category": DISABILITY_CATEGORIES.get(info.get("category"), ""),
            "grade": GRADE_LABELS.get(info.get("grade"), ""),
        }
    return no_store(render(request, "frontend/jobs/profile_step.html", context))


@role_required("seeker")
def seeker_profile_review(request):
    """Check the answers, then save them all at once (consents are recorded by the service)."""
    person = request.user.person
    if person is None:
        return _no_person(request)
    draft = _draft(request)
    sections, values = _sections(draft)
    summary_errors = [
        {"href": s["url"], "text": f"{s['step'].title}：{error}"} for s in sections for error in s["errors"]
    ]
    if request.method == "POST" and not summary_errors:
        try:
            profile_update(person=person, **values)
        except ValidationError as exc:
            step_of = {name: s for s in STEPS for name in s.form.base_fields}
            for field, msgs in exc.message_dict.items():
                step = step_of.get(field, STEPS[0])
                href = reverse("frontend:seeker_profile_step", args=[step.slug]) + "?from=review"
                summary_errors += [{"href": href, "text": f"{step.title}：{m}"} for m in msgs]
        else:
            draft_clear(request, DRAFT)
            messages.success(request, "您的求职资料已保存。下面是为您推荐的岗位。")
            return redirect("frontend:matched_jobs")
    context = {
        "sections": sections,
        "summary_errors": summary_errors if request.method == "POST" else [],
        "incomplete": bool(summary_errors),
        "has_errors": request.method == "POST" and bool(summary_errors),
    }
    return no_store(render(request, "frontend/jobs/profile_review.html", context))


@role_required("seeker")
def seeker_profile_discard(request):
    """Throw away unsaved changes (POST)."""
    if request.method == "POST":
        draft_clear(request, DRAFT)
        messages.success(request, "未保存的修改已放弃。")
    return redirect("frontend:seeker_profile")
