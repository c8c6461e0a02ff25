from django.core.management.base import BaseCommand, CommandError

from matching.core.csvio import CsvError
from matching.evaluation import evaluate_files, format_report, load_occupations_file, write_rankings
from matching.reference import occupations_loaded_or_shipped


class Command(BaseCommand):
    help = (
        "用产品的匹配配置在标注集上评估：每位求职者对全部岗位排序，写出前10名，"
        "打印 P@5、Recall@10、NDCG@10、MRR（总体与按残疾类别）、前10名中的残疾冲突数，以及基线。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--jobs", required=True)
        parser.add_argument("--seekers", required=True)
        parser.add_argument("--labels", required=True)
        parser.add_argument("--output", required=True, help="写出 seeker_id,job_id,rank,score")
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument(
            "--occupations", help="职业分类 CSV 路径（不给则用数据库中已载入的分类，没有则用项目自带的分类）"
        )

    def handle(self, *args, **o):
        try:
            occupations = (
                load_occupations_file(o["occupations"])
                if o["occupations"]
                else occupations_loaded_or_shipped()
            )
            report = evaluate_files(
                jobs=o["jobs"], seekers=o["seekers"], labels=o["labels"], k=o["k"], occupations=occupations
            )
        except (CsvError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        write_rankings(o["output"], report.product)
        where = o["occupations"] or "数据库中已载入的或项目自带的分类"
        self.stdout.write(f"职业分类：{len(occupations)} 个职业（{where}）")
        for line in format_report(report):
            self.stdout.write(line)
