"""Background work of the job market (Celery; in-process when no broker is configured)."""

from celery import shared_task


@shared_task(acks_late=True)
def rebuild_index() -> int:
    """Full rebuild of the matcher index from the database; stores a new snapshot version.

    Idempotent: running it twice (a worker killed after the work, acks_late) only adds a
    second identical snapshot.
    """
    from .services.index import index_rebuild

    return index_rebuild(reuse=False).pk


@shared_task(acks_late=True)
def compact_index() -> int:
    """A new snapshot from the previous one plus what changed since (only edited rows redone)."""
    from .services.index import index_rebuild

    return index_rebuild(reuse=True).pk


@shared_task(acks_late=True)
def close_expired_postings() -> int:
    """Close postings past their closing date (daily); idempotent."""
    from .services.postings import posting_close_expired

    return posting_close_expired()


@shared_task(acks_late=True)
def notify_saved_searches() -> int:
    """Tell seekers about new postings matching their saved searches (one inbox message per
    search). Idempotent: each search's watermark moves by a conditional update, so a task run
    twice (acks_late after a killed worker) announces nothing twice."""
    from .services.saved_searches import saved_searches_notify

    return saved_searches_notify()
