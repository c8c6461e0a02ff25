"""Rebuild occupations.csv from a full 职业分类大典 (2022) table (the format of
../shared/data/csco22.csv): keep the facts — level, code, name, common names — and leave the
descriptive texts (definitions, tasks) out; those are loaded at run time by
``manage.py load_occupations PATH``.

    python matching/data/make_occupations.py ../shared/data/csco22.csv matching/data/occupations.csv
"""

import csv
import sys

FACT_COLUMNS = ["level", "code", "name", "alias"]


def main(source: str, dest: str) -> int:
    with open(source, encoding="utf-8-sig", newline="") as fh:
        rows = [{k: (row.get(k) or "").strip() for k in FACT_COLUMNS} for row in csv.DictReader(fh)]
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=FACT_COLUMNS, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)
    print(f"{len(rows)} rows → {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
