"""Reads of interview invitations."""

from ..models import Invitation


def latest_invitations(applications) -> dict[int, Invitation]:
    """Application id → its latest invitation (the one that stands), in one query."""
    latest: dict[int, Invitation] = {}
    ids = [application.pk for application in applications]
    for invitation in Invitation.objects.filter(application_id__in=ids).order_by("created_at", "id"):
        latest[invitation.application_id] = invitation
    return latest
