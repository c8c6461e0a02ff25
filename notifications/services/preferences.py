"""Which channels each user wants per kind of message (the inbox is always on)."""

from django.db import transaction

from ..choices import Channel, NotificationKind
from ..models import NotificationPreference


def channels_for(*, user, kind: str) -> list[str]:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if pref is None:
        return []
    return [c for c, on in ((Channel.SMS, pref.sms), (Channel.EMAIL, pref.email)) if on]


def preferences_of(*, user) -> list[dict]:
    """Every kind with its choice (rows missing: inbox only), in the order of NotificationKind."""
    rows = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    out = []
    for kind in NotificationKind:
        pref = rows.get(kind.value)
        out.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "sms": bool(pref and pref.sms),
                "email": bool(pref and pref.email),
            }
        )
    return out


@transaction.atomic
def preferences_set(*, user, choices: dict[str, dict[str, bool]]) -> list[dict]:
    """Set the channels for the kinds in ``choices`` ({kind: {"sms": bool, "email": bool}}); the
    kinds not named keep their choice. An unknown kind is refused before anything is written."""
    from django.core.exceptions import ValidationError

    unknown = sorted(set(choices) - set(NotificationKind.values))
    if unknown:
        raise ValidationError({"kind": f"没有这种消息类型：{'、'.join(unknown)}"})
    for kind, chosen in choices.items():
        pref, _ = NotificationPreference.objects.select_for_update().get_or_create(user=user, kind=kind)
        pref.sms = bool(chosen.get("sms", False))
        pref.email = bool(chosen.get("email", False))
        pref.full_clean()
        pref.save()
    return preferences_of(user=user)
