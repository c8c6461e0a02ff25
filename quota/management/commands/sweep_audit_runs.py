"""``manage.py sweep_audit_runs``: what `celery -A backend beat` does every few minutes, by hand —
re-send audit runs whose task was lost, fail those started too often."""

from django.core.management.base import BaseCommand

from quota.audit.services.recovery import audit_sweep


class Command(BaseCommand):
    help = "Re-send forgotten audit runs (queued or running without a heartbeat) and fail those started too often."

    def handle(self, *args, **options):
        report = audit_sweep()
        self.stdout.write(
            f"重新排队 {len(report.requeued)} 次审核，标记失败 {len(report.failed)} 次审核"
            + (f"，其中 {len(report.unsent)} 次仍无法发送到任务队列" if report.unsent else "")
        )
