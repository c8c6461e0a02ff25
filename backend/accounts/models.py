"""The shared registry: users and roles, regions, employers, persons, consent and the access log.

Resident ID and certificate numbers are stored only as AES-GCM ciphertext plus an HMAC blind
index (security.md); disability category and grade are derived from the certificate and are
therefore encrypted with it.
"""

import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import (
    AccessPurpose,
    AuditorKind,
    CertificateKind,
    ChangeRequestStatus,
    ConsentScope,
    EmployerStatus,
    IdentifierField,
    IdentifierProblem,
    IdentifierTable,
    OrgType,
    RegionLevel,
    RegistrationMatch,
    RegistrationReviewStatus,
    Role,
    Sex,
)
from .crypto import cipher
from .scoping import ScopedQuerySet


class Region(models.Model):
    """An administrative area (province → city → county → town), stored as data."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=60)
    level = models.CharField("层级", max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of codes ("32/3205/320585/") so a subtree is one indexed prefix query.
    path = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = verbose_name_plural = "行政区划"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "") + self.code + "/"
        super().save(*args, **kwargs)

    def ancestors_and_self(self) -> list["Region"]:
        codes = [part for part in self.path.split("/") if part]
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]


class AppUserManager(UserManager):
    pass


class User(AbstractUser):
    """A login. Its role decides what it can see; auditors are scoped to regions, employer staff
    to their employers (through EmployerMembership), a job-seeker to their own Person."""

    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.SEEKER)
    auditor_kind = models.CharField("审核机构", max_length=10, choices=AuditorKind.choices, blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="auditors", verbose_name="负责区域")
    person = models.OneToOneField(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name="本人档案",
    )
    # Set when an administrator attached ``person`` to this login (user_link_person, with a
    # logged reason); empty when the person registered it themselves. Only a self-registered
    # login is the person's owner: reads through an attached one are logged like anyone else's.
    person_linked_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name="档案由谁关联",
    )
    person_linked_at = models.DateTimeField("档案关联时间", null=True, blank=True, editable=False)
    elder_mode = models.BooleanField("长辈版", default=False)

    objects = AppUserManager()

    class Meta:
        verbose_name = verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(
                condition=Q(role="auditor") | Q(auditor_kind=""), name="auditor_kind_only_for_auditors"
            ),
        ]

    def __str__(self):
        return self.username

    @property
    def is_seeker(self):
        return self.role == Role.SEEKER

    @property
    def is_employer_staff(self):
        return self.role == Role.EMPLOYER

    @property
    def is_auditor(self):
        return self.role == Role.AUDITOR

    @property
    def is_platform_admin(self):
        return self.role == Role.ADMIN


class EmployerQuerySet(ScopedQuerySet):
    """Employer staff: their employers; auditors: employers in their regions; admins: all."""

    employer_path = ""
    region_path = "region"


class Employer(models.Model):
    """An organisation that employs people and files quota reports (用人单位)."""

    name = models.CharField("单位名称", max_length=120)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    org_type = models.CharField("单位性质", max_length=30, choices=OrgType.choices)
    sheltered = models.BooleanField("集中安置单位（福利企业等）", default=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="employers", verbose_name="所在区镇"
    )
    industry = models.CharField("行业", max_length=60, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=EmployerStatus.choices, default=EmployerStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The reason of a registry decision is the decision's own words, often longer than the
    # library's default 100 characters; every change of the row is in this history.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))
    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "用人单位"

    def __str__(self):
        return self.name


class EmployerChangeRequestQuerySet(ScopedQuerySet):
    """Employer staff: their employers' requests; auditors: employers in their regions; admins: all."""

    employer_path = "employer"
    region_path = "employer__region"


class EmployerChangeRequest(models.Model):
    """An employer's request to change its registered master data (登记信息: name, credit code,
    org type, region, sheltered status). An auditor of its region approves it — the change is
    then applied as a registry decision — or rejects it with reasons."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="change_requests")
    # {field: requested value}; the region as its code, so the request reads the same later.
    changes = models.JSONField("申请变更的登记信息")
    # The same fields' values when the request was filed (region as its code).
    previous = models.JSONField("申请时的登记信息")
    reason = models.CharField("申请理由", max_length=500)
    status = models.CharField(
        "状态", max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="申请人")
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="审核人"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_reason = models.CharField("审核意见", max_length=500, blank=True)

    history = HistoricalRecords()
    objects = EmployerChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = verbose_name_plural = "单位登记信息变更申请"
        constraints = [
            # One open request at a time: two pending requests could contradict each other.
            models.UniqueConstraint(
                fields=["employer"],
                condition=Q(status="pending"),
                name="one_pending_change_request_per_employer",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="pending", decided_by__isnull=True, decided_at__isnull=True)
                    | (
                        ~Q(status="pending")
                        & Q(decided_by__isnull=False, decided_at__isnull=False)
                        & ~Q(decision_reason="")
                    )
                ),
                name="change_request_decided_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.employer} 登记信息变更申请（{self.get_status_display()}）"


class EmployerMembership(models.Model):
    """A user's staff role at one employer (an employer admin may manage the others)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField("单位管理员", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "单位成员"
        constraints = [models.UniqueConstraint(fields=["user", "employer"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.employer}"


class PersonQuerySet(ScopedQuerySet):
    """A seeker sees their own record; auditors persons in their regions; admins all.

    Employer staff reach persons only through the roster and applications of their own
    employer (quota and matching apps add those paths), never through this registry list.
    """

    person_path = ""
    region_path = "region"


class Person(models.Model):
    """A resident in the one-person-one-file registry (一人一档), possibly holding a disability
    or veteran certificate. Identifiers are encrypted; use services/selectors to read them."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("姓名", max_length=40)
    resident_id_enc = models.TextField(editable=False)
    resident_id_bidx = models.CharField(max_length=64, unique=True, editable=False)
    birth_date = models.DateField("出生日期")
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    certificate_kind = models.CharField(
        "证件类型", max_length=12, choices=CertificateKind.choices, default=CertificateKind.NONE
    )
    certificate_enc = models.TextField(blank=True, editable=False)
    certificate_bidx = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # JSON {"category": int|None, "grade": int} encrypted: category and grade are sensitive (PIPL Art. 28).
    disability_enc = models.TextField(blank=True, editable=False)
    certificate_valid_until = models.DateField("证件有效期至", null=True, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, verbose_name="户籍区镇"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "人员档案"
        constraints = [
            models.CheckConstraint(
                condition=Q(certificate_kind="none") | ~Q(certificate_enc=""),
                name="certificate_present_for_kind",
            ),
        ]

    def __str__(self):
        return self.name

    def aad(self, field: str) -> str:
        """Associated data binding a ciphertext to this row and field."""
        return f"person:{self.uid}:{field}"

    def decrypt(self, field: str) -> str:
        token = getattr(self, f"{field}_enc")
        return cipher().decrypt(token, self.aad(field)) if token else ""


class Consent(models.Model):
    """A person's separate consent for one purpose (个人信息保护法 第二十九条), until withdrawn."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField("同意事项", max_length=30, choices=ConsentScope.choices)
    purpose = models.CharField("用途说明", max_length=200)
    granted_at = models.DateTimeField("同意时间")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = verbose_name_plural = "个人同意记录"
        constraints = [
            # At most one live consent per scope; withdrawn ones stay as the record.
            models.UniqueConstraint(
                fields=["person", "scope"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_scope",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.get_scope_display()}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("访问日志只能追加，不能修改")

    def delete(self):
        raise PermissionError("访问日志只能追加，不能删除")


class AccessLog(models.Model):
    """Who read whose sensitive field, when and why; never the value itself. Append-only, kept
    at least 190 days (security.md)."""

    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="access_logs")
    actor_role = models.CharField(max_length=10, choices=Role.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_logs")
    field = models.CharField("字段", max_length=40)
    purpose = models.CharField("用途", max_length=20, choices=AccessPurpose.choices)
    reason = models.CharField("说明", max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = verbose_name_plural = "敏感信息访问日志"

    def __str__(self):
        return f"{self.actor_id} → {self.person_id}.{self.field}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("访问日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("访问日志只能追加，不能删除")


class KeyCanary(models.Model):
    """A known value encrypted with each key id, checked at start-up (see keycheck.py)."""

    key_id = models.CharField(max_length=40, unique=True)
    token = models.TextField()

    class Meta:
        verbose_name = verbose_name_plural = "密钥自检记录"

    def __str__(self):
        return self.key_id


class RegistrationReviewQuerySet(ScopedQuerySet):
    """残联 auditors (the kind that decides) whose regions cover the registered person's
    region; administrators read all; nobody else, the registrant included."""

    region_path = "region"

    def auditor_reads(self, user) -> bool:
        from .permissions import Decision, may_decide

        return may_decide(user, Decision.REGISTRATION_REVIEW)


class RegistrationReview(models.Model):
    """A job-seeker's self-registration whose resident ID or certificate number already belongs
    to a registered person. The registrant was answered exactly like everyone else (whether a
    person is in the disability registry is itself sensitive, 个人信息保护法 第二十八条) and got
    a login without the record; a 残联 auditor of the person's region checks by phone and links
    the login to the record, or rejects the registration. The submitted identifiers are kept
    encrypted like the registry's own, bound to this row."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="registration_reviews", verbose_name="新注册的账号"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="registration_reviews", verbose_name="已登记的人员"
    )
    matched_on = models.CharField("重复的证件", max_length=12, choices=RegistrationMatch.choices)
    # Who reviews: the registered person's region (or, without one, the region the registrant chose).
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="负责区域"
    )
    name = models.CharField("填写的姓名", max_length=40)
    phone = models.CharField("填写的手机号", max_length=20, blank=True)
    submitted_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="填写的区镇"
    )
    resident_id_enc = models.TextField(editable=False)
    # JSON {"kind", "number", "veteran_grade", "valid_until"} encrypted: a certificate says disability.
    certificate_enc = models.TextField(editable=False)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=RegistrationReviewStatus.choices,
        default=RegistrationReviewStatus.PENDING,
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="核实人"
    )
    decided_at = models.DateTimeField("核实时间", null=True, blank=True)
    decision_note = models.CharField("核实说明", max_length=200, blank=True)

    objects = RegistrationReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "求职者注册核实"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="registration_review_decided_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.user} 的注册（{self.get_status_display()}）"

    def aad(self, field: str) -> str:
        return f"registration_review:{self.uid}:{field}"

    def decrypt(self, field: str) -> str:
        token = getattr(self, f"{field}_enc")
        return cipher().decrypt(token, self.aad(field)) if token else ""

    def certificate(self) -> dict:
        import json

        return json.loads(self.decrypt("certificate") or "{}")


class IdentifierFinding(models.Model):
    """A stored identifier that normalisation (NFKC, ASCII: ``identifiers.core``) could not simply
    rewrite, found by migration ``0006_identifier_normalisation``: either it became equal to
    another row's (the same person or employer registered twice, e.g. once with a full-width "３"),
    or it is still invalid. Nothing is merged: both rows may carry rosters, logins and reviews, so
    a person decides; the unrewritten row keeps its old value and index. No identifier value is
    copied here (security.md, "Sensitive data"). Shown read-only in the admin (标识号规范化待核查)."""

    table = models.CharField("记录类型", max_length=12, choices=IdentifierTable.choices)
    field = models.CharField("标识号", max_length=12, choices=IdentifierField.choices)
    problem = models.CharField("问题", max_length=10, choices=IdentifierProblem.choices)
    record_id = models.PositiveBigIntegerField("记录编号")
    # The row that kept the normalised value; empty for an invalid value.
    other_id = models.PositiveBigIntegerField("相同的记录编号", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "标识号规范化待核查"

    def __str__(self):
        other = f" 与 #{self.other_id}" if self.other_id else ""
        return f"{self.get_table_display()} #{self.record_id}{other}：{self.get_field_display()}{self.get_problem_display()}"
