"""Celery tasks of the notifications app (in-process/eager unless CELERY_BROKER_URL is set)."""

from celery import shared_task

from .services.deadlines import levy_deadline_remind
from .services.inbox import notification_deliver


@shared_task(name="notifications.tasks.deliver_copies_task", acks_late=True, reject_on_worker_lost=True)
def deliver_copies_task(notification_id: int) -> list[str]:
    """SMS / e-mail copies of one inbox message; at most once (notification_deliver claims it)."""
    return notification_deliver(notification_id=notification_id)


@shared_task(name="notifications.tasks.levy_deadline_task", acks_late=True, reject_on_worker_lost=True)
def levy_deadline_task() -> int:
    """Daily: remind employers whose report is not submitted as the deadline approaches."""
    return levy_deadline_remind()
