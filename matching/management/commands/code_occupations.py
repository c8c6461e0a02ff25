import csv

from django.core.management.base import BaseCommand, CommandError

from matching.evaluation import code_titles, load_occupations_file, read_titles
from matching.reference import minor_groups_for_coder, occupations_loaded_or_shipped


class Command(BaseCommand):
    help = (
        "为岗位名称编职业分类代码：读 job_name 列，写 job_name,code,name,score（第1名）。"
        "输入有 code 列时打印准确率，并与简单模糊匹配对比。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--occupations",
            help="直接从 CSV 读取职业分类（不给则用数据库中已载入的分类，没有则用项目自带的分类）",
        )

    def handle(self, *args, **o):
        try:
            titles, gold = read_titles(o["input"])
            occupations = (
                load_occupations_file(o["occupations"])
                if o["occupations"]
                else occupations_loaded_or_shipped()
            )
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        if not occupations:
            raise CommandError(
                "还没有载入职业分类：先运行 load_occupations PATH，或用 --occupations 指定文件"
            )
        report = code_titles(
            titles=titles, occupations=occupations, gold=gold, groups=minor_groups_for_coder()
        )
        with open(o["output"], "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["job_name", "code", "name", "score"])
            for title, code, name, score in report.rows:
                out.writerow([title, code, name, f"{score:.4f}"])
        self.stdout.write(f"{len(report.rows)} titles coded with {len(occupations)} occupations")
        if report.accuracy:
            self.stdout.write(f"accuracy on {report.n_gold} titles with a gold code:")
            self.stdout.write(f"{'':14}{'top1':>8}{'top5':>8}{'top1_小类':>10}{'top5_小类':>10}")
            for name, acc in report.accuracy.items():
                self.stdout.write(
                    f"{name:14}{acc['top1']:>8.3f}{acc['top5']:>8.3f}{acc['top1_minor']:>10.3f}{acc['top5_minor']:>10.3f}"
                )
            a = report.assigned
            self.stdout.write(
                f"assigned (abstains when unsure, 小类 when the 细类 is a toss-up): coverage {a['coverage']:.3f}, "
                f"precision {a['precision']:.3f}, 小类 precision {a['precision_minor']:.3f}, "
                f"backed off to 小类 {a['backed_off']:.3f}"
            )
