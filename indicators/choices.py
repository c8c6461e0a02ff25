"""Choices of the indicators app (TextChoices; the codes are API values)."""

from django.db import models


class TrainingKind(models.TextChoices):
    SKILLS_TRAINING = "skills_training", "职业技能培训"
    SKILLS_ASSESSMENT = "skills_assessment", "职业技能鉴定"
    ENTREPRENEURSHIP = "entrepreneurship", "创业培训"
    JOB_ADAPTATION = "job_adaptation", "岗位适应性培训"


# The kinds that count towards the plan's indicator 3 (残疾人职业技能培训人数). A skills
# assessment (鉴定) certifies a level but is not training, so it is reported on its own. [A]
COUNTED_AS_TRAINING = frozenset(
    {TrainingKind.SKILLS_TRAINING, TrainingKind.ENTREPRENEURSHIP, TrainingKind.JOB_ADAPTATION}
)
