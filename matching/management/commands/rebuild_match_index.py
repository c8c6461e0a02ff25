from django.core.management.base import BaseCommand

from matching.services import index_rebuild


class Command(BaseCommand):
    help = "从数据库完整重建岗位匹配索引，并保存为新的快照版本。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reuse", action="store_true", help="以上一个快照为基础，只重新处理内容有变化的岗位和档案"
        )

    def handle(self, *args, reuse=False, **options):
        row = index_rebuild(reuse=reuse)
        self.stdout.write(
            self.style.SUCCESS(f"索引版本 v{row.pk}：{row.jobs} 个在招岗位，{row.seekers} 份求职者档案。")
        )
