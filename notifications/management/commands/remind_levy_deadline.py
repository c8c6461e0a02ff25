"""Send the levy-deadline reminders now (what the daily beat task does)."""

from django.core.management.base import BaseCommand

from notifications.services.deadlines import levy_deadline_remind


class Command(BaseCommand):
    help = "提醒尚未提交按比例就业年报的单位（与每日定时任务相同，重复运行不会重复提醒）"

    def handle(self, *args, **options):
        sent = levy_deadline_remind()
        self.stdout.write(f"已发送 {sent} 条提醒")
