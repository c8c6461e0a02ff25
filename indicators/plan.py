"""The "十四五" plan's employment indicators the platform reports (mission.md).

Source: 《太仓市"十四五"残疾人事业发展规划》, 主要指标 2 and 3 (2021—2025):
实名制新增残疾人就业人数 > 300, 残疾人职业技能培训人数 > 600 (five-year totals).
"""

PLAN_FIRST_YEAR = 2021
PLAN_LAST_YEAR = 2025
PLAN_YEARS = tuple(range(PLAN_FIRST_YEAR, PLAN_LAST_YEAR + 1))
EMPLOYMENT_TARGET = 300  # "> 300": the target is met above this number
TRAINING_TARGET = 600  # "> 600"
SOURCE = '《太仓市"十四五"残疾人事业发展规划》主要指标'
