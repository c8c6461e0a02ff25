"""Evidence files and statement attachments of credit cases: checked, then stored privately.

Accepted: PDF, JPG and PNG, recognised by their content (the first bytes, and for images a
Pillow check of the structure) — a name ending in .pdf proves nothing.  Stored under MEDIA_ROOT
with a random name (``quota.models.credit.attachment_path``); nothing serves MEDIA_ROOT, the
files are downloaded through views that check who may see the case.  Every file is checked
before the first one is written, and stored files are removed again if the operation fails.
"""

import hashlib
import os
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from backend.accounts.models import User
from quota.audit.choices import AttachmentType

from ..models.credit import CreditAttachment, CreditCase, CreditStatement

# [A] Platform limits (not from a policy document): a scanned notice or receipt is well below
# 10 MB, and five files per submission keep one request bounded.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
SIGNATURES = (
    (b"%PDF-", AttachmentType.PDF),
    (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG),
    (b"\xff\xd8\xff", AttachmentType.JPEG),
)
EXTENSIONS = {
    AttachmentType.PDF: {".pdf"},
    AttachmentType.JPEG: {".jpg", ".jpeg"},
    AttachmentType.PNG: {".png"},
}
PILLOW_FORMATS = {AttachmentType.JPEG: "JPEG", AttachmentType.PNG: "PNG"}
ALLOWED = "PDF、JPG或PNG"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, with what will be stored about it."""

    upload: object
    name: str
    content_type: str
    size: int
    sha256: str


def display_name(raw: str) -> str:
    """The uploader's file name as a label: no path, no control characters, at most 120 chars
    (the extension kept)."""
    name = os.path.basename(unicodedata.normalize("NFC", str(raw or "")).replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip() or "文件"
    stem, ext = os.path.splitext(name)
    return name if len(name) <= 120 else stem[: 120 - len(ext)] + ext


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def _image_is_sound(upload, content_type: str) -> bool:
    try:
        with Image.open(upload) as image:
            ok = image.format == PILLOW_FORMATS[content_type]
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        ok = False
    upload.seek(0)
    return ok


def _digest(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def attachments_check(files, *, field: str, required: bool) -> list[CheckedFile]:
    """Check every upload; a Chinese message keyed by ``field`` naming the file at fault."""
    files = [upload for upload in (files or []) if upload is not None]
    if required and not files:
        raise ValidationError({field: f"请上传至少一个证据材料（{ALLOWED}文件）"})
    if len(files) > MAX_FILES:
        raise ValidationError({field: f"一次最多上传{MAX_FILES}个文件"})
    checked = []
    for upload in files:
        name = display_name(getattr(upload, "name", ""))
        size = upload.size or 0
        if size == 0:
            raise ValidationError({field: f"文件“{name}”是空文件，请重新选择"})
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                {field: f"文件“{name}”超过{MAX_FILE_BYTES // (1024 * 1024)}MB，请压缩或拆分后上传"}
            )
        content_type = _sniff(upload)
        if content_type is None:
            raise ValidationError({field: f"文件“{name}”不是{ALLOWED}文件，请转换后上传"})
        if os.path.splitext(name)[1].lower() not in EXTENSIONS[content_type]:
            raise ValidationError(
                {field: f"文件“{name}”的扩展名与内容不符（内容是{AttachmentType(content_type).label}）"}
            )
        if content_type in PILLOW_FORMATS and not _image_is_sound(upload, content_type):
            raise ValidationError({field: f"文件“{name}”已损坏或不是完整的图片，请重新选择"})
        checked.append(CheckedFile(upload, name, content_type, size, _digest(upload)))
    return checked


def attachments_write(checked: list[CheckedFile], build) -> list:
    """Write the checked files and the rows ``build(item)`` makes for them (an unsaved model
    with a ``file`` field), inside the caller's transaction.

    A file already written is removed again if a later one fails, so a failed operation leaves
    neither rows (the transaction rolls back) nor files behind.
    """
    stored = []
    try:
        for item in checked:
            attachment = build(item)
            attachment.file.save(item.name, item.upload, save=False)
            stored.append(attachment)
            attachment.full_clean()
            attachment.save()
    except BaseException:
        attachments_discard(stored)
        raise
    return stored


def attachments_store(
    checked: list[CheckedFile], *, case: CreditCase, by: User, statement: CreditStatement | None = None
) -> list[CreditAttachment]:
    """The credit case's documents: :func:`attachments_write` with its rows."""
    return attachments_write(
        checked,
        lambda item: CreditAttachment(
            case=case,
            statement=statement,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_by=by,
            uploaded_at=timezone.now(),
        ),
    )


def attachments_discard(attachments: list) -> None:
    """Remove stored files whose rows will not be kept (a rolled-back operation)."""
    for attachment in attachments:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
