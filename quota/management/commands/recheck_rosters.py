"""``manage.py recheck_rosters --year YYYY``: what the nightly schedule does for the current data
year, by hand — re-check every filed roster of the year against the verified facts."""

from django.core.management.base import BaseCommand, CommandError

from quota.models import AuditRun
from quota.services.recheck import current_data_year, rosters_recheck


class Command(BaseCommand):
    help = "Re-check the filed rosters of a data year against the registry and insurance records (a city-wide run)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="数据年度（默认：今年申报的上一年度）")

    def handle(self, *args, year=None, **options):
        year = year or current_data_year()
        if not 2015 <= year <= current_data_year() + 1:
            raise CommandError(f"数据年度 {year} 不在 2015 至 {current_data_year() + 1} 之间")
        run = rosters_recheck(data_year=year, reason="命令行复核")
        if run is None:
            self.stdout.write(f"{year}年度已有一次复核在排队，它会使用最新的核验数据")
            return
        run = AuditRun.objects.get(pk=run.pk)  # in-process mode has run it already
        self.stdout.write(f"{year}年度复核 #{run.pk}：{run.get_status_display()}")
