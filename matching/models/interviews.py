"""Interview invitations: the details an employer sends with the move to 邀请面试."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from backend.accounts.scoping import ScopedQuerySet

from ..choices import ContactChannel, InterviewArrangement, InvitationResponse


class InvitationQuerySet(ScopedQuerySet):
    """As applications: the seeker their own, employer staff their postings', auditors their
    regions', administrators all."""

    person_path = "application__seeker__person"
    employer_path = "application__posting__employer"
    region_path = "application__posting__employer__region"


class Invitation(models.Model):
    """An invitation to interview for one application: when, where, the accessible arrangements
    offered and how the employer will keep in touch; the seeker accepts or asks for another time.

    An application may be invited again (a new time after a reschedule request): the latest
    invitation is the one that stands.
    """

    application = models.ForeignKey(
        "matching.Application", on_delete=models.CASCADE, related_name="invitations", verbose_name="申请"
    )
    starts_at = models.DateTimeField("面试时间")
    place = models.CharField("面试地点或线上会议链接", max_length=200)
    arrangements = models.JSONField("无障碍安排", default=list, blank=True)
    arrangements_note = models.CharField("其他安排说明", max_length=200, blank=True)
    contact_channel = models.CharField("联系方式", max_length=12, choices=ContactChannel.choices)
    contact_detail = models.CharField("联系人及号码", max_length=100)
    response = models.CharField(
        "求职者答复", max_length=12, choices=InvitationResponse.choices, default=InvitationResponse.PENDING
    )
    response_note = models.CharField("答复留言", max_length=200, blank=True)
    responded_at = models.DateTimeField("答复时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="邀请人"
    )
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)

    history = HistoricalRecords()
    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "面试邀请"

    def __str__(self):
        return f"{self.application_id} 面试 {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def arrangement_labels(self) -> list[str]:
        labels = dict(InterviewArrangement.choices)
        return [labels.get(code, code) for code in self.arrangements or []]
