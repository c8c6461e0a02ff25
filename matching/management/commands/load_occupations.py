from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.services import occupations_load


class Command(BaseCommand):
    help = (
        "载入职业分类大典（2022）：不给路径时载入项目自带的代码、名称和常见名称"
        "（matching/data/occupations.csv）；给出完整表（格式同 ../shared/data/csco22.csv）时连同定义一起载入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="CSV 文件路径（不给则用项目自带的分类）")

    def handle(self, *args, path=None, **options):
        try:
            result = occupations_load(path=path)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"职业分类已载入：共 {result['total']} 条，新增 {result['created']}，"
                f"更新 {result['updated']}，删除 {result['removed']}。匹配索引将重建。"
            )
        )
