"""Where a user's SMS and e-mail go: the data the platform already holds, nothing new."""


def phone_of(user) -> str:
    """A job-seeker's mobile number from their person record (employer staff and officials have
    none of their own on the platform: the employer's contact phone is the organisation's)."""
    person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
    return (person.phone or "").strip() if person is not None else ""


def email_of(user) -> str:
    return (getattr(user, "email", "") or "").strip()


def address_for(user, channel: str) -> str:
    from .choices import Channel

    return phone_of(user) if channel == Channel.SMS else email_of(user)


def masked(address: str) -> str:
    """138****0000 / z***@example.com: enough for the owner to recognise, nothing more."""
    if not address:
        return ""
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return address[:3] + "*" * max(len(address) - 7, 0) + address[-4:] if len(address) > 7 else "****"
