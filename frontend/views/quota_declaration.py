"""The declaration's paperwork pages: the 经办人 step and the supporting documents (a wizard
step), the files' download, and the 受理回执 (printable) after submission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quota.choices import ReportAttachmentKind
from quota.models import ReportAttachment
from quota.selectors.declaration import report_deadline
from quota.services.declaration import report_attachment_add, report_attachment_remove, report_set_contact
from quota.services.receipts import missing_requested_attachments

from ..forms_quota_declaration import AttachmentForm, ContactForm
from .quota_employer import editable_or_redirect, employer_report, step_context
from .roles import no_store, role_required, stored_file_download


def _attachments_context(report) -> dict:
    missing = set(missing_requested_attachments(report))
    return {
        "attachments": list(report.attachments.all()),
        "missing_requested": [ReportAttachmentKind(kind).label for kind in sorted(missing)],
    }


@role_required("employer")
def report_contact(request, pk):
    """经办人 and phone, and the supporting documents, on one wizard step."""
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    initial = {
        "contact_name": report.contact_name,
        "contact_phone": report.contact_phone,
        "version": report.version,
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_set_contact(
                report=report,
                by=request.user,
                contact_name=form.cleaned_data["contact_name"],
                contact_phone=form.cleaned_data["contact_phone"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "经办人信息已保存。")
            return redirect("frontend:quota_preview", pk=report.pk)
    context = {
        "form": form,
        "upload_form": AttachmentForm(),
        **_attachments_context(report),
        **step_context(report, "quota_contact"),
    }
    return render(request, "frontend/quota/step_contact.html", context)


@role_required("employer")
def report_attachments(request, pk):
    """Upload supporting documents (the form sits on the 经办人和材料 step)."""
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = report_attachment_add(
                report=report,
                by=request.user,
                kind=form.cleaned_data["kind"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"已上传{len(stored)}个文件。")
            return redirect("frontend:quota_contact", pk=report.pk)
    if request.method != "POST":
        return redirect("frontend:quota_contact", pk=report.pk)
    context = {
        "form": ContactForm(
            initial={
                "contact_name": report.contact_name,
                "contact_phone": report.contact_phone,
                "version": report.version,
            }
        ),
        "upload_form": form,
        **_attachments_context(report),
        **step_context(report, "quota_contact"),
    }
    return render(request, "frontend/quota/step_contact.html", context)


@role_required("employer")
@require_POST
def report_attachment_delete(request, pk, attachment_pk):
    report = employer_report(request, pk)
    attachment = get_object_or_404(report.attachments, pk=attachment_pk)
    try:
        report_attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已删除“{attachment.name}”。")
    return redirect("frontend:quota_contact", pk=report.pk)


@role_required("employer", "auditor", "admin")
def report_attachment_file(request, pk):
    """A supporting document, to whoever may see its report (else 404)."""
    attachment = ReportAttachment.objects.visible_to(request.user).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return stored_file_download(attachment)


@role_required("employer")
def report_receipt(request, pk):
    """The 受理回执 of a submitted report (printable: the page prints without navigation)."""
    report = employer_report(request, pk)
    if not report.receipt_no:
        raise Http404
    context = {"report": report, "deadline": report_deadline(report)}
    return no_store(render(request, "frontend/quota/receipt.html", context))
