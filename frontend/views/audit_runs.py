"""年度核查: start the annual audit of a data year and follow its progress.

The run is computed by a Celery task (in-process in development and tests). The progress page
works without JavaScript through a "刷新进度" link (no meta refresh: it would move a screen
reader user's place); audit.js polls the JSON API and updates the same live region.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from quota.audit.choices import AuditStatus, FindingKind, Severity
from quota.audit.services.run import audit_start
from quota.models import AuditRun

from ..forms_audit import DataYearForm
from .roles import role_required


@role_required("auditor", "admin")
def audit_runs(request):
    """The runs over my regions, and (for auditors) the form that starts a new one."""
    can_start = request.user.role == "auditor"
    form = DataYearForm(
        request.POST if request.method == "POST" else None,
        initial={"data_year": timezone.localdate().year - 1},
        finished_only=True,
    )
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        if form.is_valid():
            year = form.cleaned_data["data_year"]
            earlier = _earlier_run(request.user, year)
            if earlier is not None and request.POST.get("confirm") != "1":
                # A re-run replaces what the compliance table shows: ask first, on a page of
                # its own (no JavaScript confirm()).
                context = {"year": year, "earlier": earlier}
                return render(request, "frontend/audit/run_confirm.html", context)
            try:
                run = audit_start(data_year=year, by=request.user)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, f"已发起{run.data_year}年度核查")
                return redirect("frontend:audit_run", pk=run.pk)
    runs = AuditRun.objects.visible_to(request.user).select_related("created_by").prefetch_related("regions")
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    return render(request, "frontend/audit/runs.html", {"form": form, "page": page, "can_start": can_start})


def _earlier_run(user, year: int) -> AuditRun | None:
    """The newest run of ``year`` the user may see that did not fail (queued, running or done)."""
    return (
        AuditRun.objects.visible_to(user)
        .filter(data_year=year)
        .exclude(status=AuditStatus.FAILED)
        .order_by("-created_at", "-id")
        .first()
    )


@role_required("auditor", "admin")
def audit_run(request, pk: int):
    run = get_object_or_404(AuditRun.objects.visible_to(request.user).prefetch_related("regions"), pk=pk)
    counts = run.counts or {}
    severities = [
        {"label": label, "count": counts.get("by_severity", {}).get(value, 0)}
        for value, label in Severity.choices
    ]
    kinds = sorted(
        (
            {
                "code": code,
                "label": FindingKind(code).label if code in FindingKind.values else code,
                "count": n,
            }
            for code, n in counts.get("by_kind", {}).items()
        ),
        key=lambda item: -item["count"],
    )
    context = {
        "run": run,
        "finished": run.status in (AuditStatus.DONE, AuditStatus.FAILED),
        "counts": counts,
        "severities": severities,
        "kinds": kinds,
    }
    return render(request, "frontend/audit/run.html", context)
