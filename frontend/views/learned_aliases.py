"""单位确认的岗位别名 for the 残联 就业服务专员 and administrators (issue 13): the title → occupation
code pairs the coder learned from employers' confirmations, active and revoked, and a revoke form
per active pair. Who may curate, and what a valid reason is, are matching.services' rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from matching.choices import LearnedAliasStatus
from matching.selectors.aliases import learned_alias_rows
from matching.services import learned_alias_revoke

from ..forms_training import RevokeAliasForm
from .roles import role_required

CURATORS = ("service", "admin")


def _page(request, failed=None, status=200):
    """The list; ``failed`` is the bound revoke form of the row whose revocation was refused."""
    rows = learned_alias_rows(request.user)
    for row in rows:
        if row.alias.status == LearnedAliasStatus.ACTIVE:
            if failed is not None and failed.alias_pk == row.alias.pk:
                row.form = failed
            else:
                row.form = RevokeAliasForm(auto_id=f"alias-{row.alias.pk}-%s")
    context = {
        "rows": rows,
        "active": sum(1 for r in rows if r.alias.status == LearnedAliasStatus.ACTIVE),
        # The error summary links to the failed row's field (includes/error_summary.html).
        "form": failed,
    }
    return render(request, "frontend/matching/learned_aliases.html", context, status=status)


@role_required(*CURATORS)
def learned_aliases(request):
    return _page(request)


@role_required(*CURATORS)
@require_POST
def learned_alias_revoke_page(request, pk):
    rows = {row.alias.pk: row.alias for row in learned_alias_rows(request.user)}
    alias = rows.get(pk)
    if alias is None:
        raise Http404
    form = RevokeAliasForm(request.POST, auto_id=f"alias-{pk}-%s")
    form.alias_pk = pk
    if form.is_valid():
        try:
            learned_alias_revoke(by=request.user, alias=alias, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, f"已撤销：{alias.title_key} → {alias.code}。职业编码建议不再使用这一对应。"
            )
            return redirect("frontend:learned_aliases")
    return _page(request, failed=form, status=400)
