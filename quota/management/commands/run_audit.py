"""Run the annual audit from the command line: ``manage.py run_audit --year 2025 --auditor NAME``
starts a run over the auditor's regions; ``--rerun ID`` recomputes an existing run in place."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from backend.accounts.models import User
from quota.audit.services.run import audit_execute, audit_start


class Command(BaseCommand):
    help = "Start (or recompute) an annual quota audit run."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="数据年度，例如 2025")
        parser.add_argument("--auditor", help="发起审核的审核人员用户名（决定审核区域）")
        parser.add_argument("--rerun", type=int, help="重新计算已有的审核（编号）")

    def handle(self, *args, year=None, auditor=None, rerun=None, **options):
        if rerun is not None:
            run = audit_execute(run_id=rerun)
            if run is None:
                raise CommandError(f"审核 {rerun} 不存在")
        else:
            if year is None or not auditor:
                raise CommandError("请同时给出 --year 和 --auditor，或用 --rerun 重新计算")
            user = User.objects.filter(username=auditor).first()
            if user is None:
                raise CommandError(f"用户 {auditor} 不存在")
            try:
                run = audit_start(data_year=year, by=user)  # the task starts when this commits
            except (ValidationError, PermissionDenied) as error:
                raise CommandError("；".join(getattr(error, "messages", [str(error)]))) from error
            run.refresh_from_db()
        self.stdout.write(
            f"审核 #{run.pk}（{run.data_year}年度）：{run.get_status_display()}，进度 {run.progress}%"
        )
        if run.counts:
            counts = run.counts
            self.stdout.write(
                f"单位 {counts['employers']} 家，名册 {counts['roster_lines']} 行，"
                f"发现问题 {counts['findings']} 条，应缴保障金合计 {counts['levy_due_total']} 元"
            )
        if run.error:
            raise CommandError(run.error)
