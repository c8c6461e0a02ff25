"""就业援助 API serializers: explicit fields; input serializers only parse (services decide).
No identifiers and no disability details: a case says who is helped, how and with what result."""

from rest_framework import serializers

from ..choices import ContactKind, Outcome, Readiness, ReferralKind, ReferralStatus
from ..models import Assessment, Case, Contact, FollowUp, Goal, Referral


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "text", "target_date", "done_on"]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "kind", "kind_label", "on", "summary", "recorded_at"]
        read_only_fields = fields


class ReferralSerializer(serializers.ModelSerializer):
    posting_title = serializers.CharField(source="posting.title", read_only=True, default="")
    employer_name = serializers.CharField(source="posting.employer.name", read_only=True, default="")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "kind",
            "posting",
            "posting_title",
            "employer_name",
            "course_name",
            "provider",
            "note",
            "status",
            "status_label",
            "created_at",
        ]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "month", "on", "kind", "still_employed", "note"]
        read_only_fields = fields


class FollowUpSlotSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    due_on = serializers.DateField()
    state = serializers.CharField()
    label = serializers.CharField()


class CaseSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "person",
            "name",
            "region",
            "region_name",
            "status",
            "status_label",
            "opened_at",
            "placed_on",
            "placed_employer",
            "placed_job",
            "outcome",
            "outcome_note",
            "closed_at",
        ]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    goals = GoalSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)
    referrals = ReferralSerializer(many=True, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    follow_up_schedule = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "plan",
            "goals",
            "contacts",
            "referrals",
            "follow_ups",
            "follow_up_schedule",
        ]
        read_only_fields = fields

    def get_follow_up_schedule(self, obj) -> FollowUpSlotSerializer(many=True):
        from ..selectors import case_follow_ups

        return FollowUpSlotSerializer(case_follow_ups(obj), many=True).data


class SeekerRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person.name")
    region_name = serializers.CharField(source="person.region.name", default="")
    reasons = serializers.ListField(child=serializers.CharField())
    consented = serializers.BooleanField()
    open_case = serializers.IntegerField(source="open_case.pk", default=None, allow_null=True)


class CaseOpenSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1)
    plan = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PlanSerializer(serializers.Serializer):
    plan = serializers.CharField(max_length=2000)


class GoalInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    target_date = serializers.DateField(required=False, allow_null=True, default=None)


class ContactInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    on = serializers.DateField()
    summary = serializers.CharField(max_length=1000)


class ReferralInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReferralKind.choices)
    posting = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    course_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    provider = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ReferralStatusSerializer(serializers.Serializer):
    referral = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(choices=ReferralStatus.choices)


class PlacementSerializer(serializers.Serializer):
    placed_on = serializers.DateField()
    employer_name = serializers.CharField(max_length=120)
    job = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")


class FollowUpInSerializer(serializers.Serializer):
    month = serializers.ChoiceField(choices=[(1, "1"), (3, "3"), (6, "6")])
    on = serializers.DateField()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    still_employed = serializers.BooleanField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MatchSerializer(serializers.Serializer):
    posting = serializers.IntegerField(source="posting.pk")
    title = serializers.CharField(source="posting.title")
    employer_name = serializers.CharField(source="posting.employer.name")
    score = serializers.FloatField()


class AssessmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    readiness_label = serializers.CharField(source="get_readiness_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "person",
            "name",
            "case",
            "assessed_on",
            "abilities",
            "skills",
            "desired",
            "hours",
            "employment_forms",
            "needs",
            "readiness",
            "readiness_label",
            "advice",
            "status",
            "status_label",
            "answered_at",
        ]
        read_only_fields = fields


class AssessmentInSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1)
    case = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    assessed_on = serializers.DateField()
    abilities = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=4))
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    skills = serializers.ListField(child=serializers.CharField(max_length=30), required=False, default=list)
    desired = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    hours = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)
    employment_forms = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, default=list
    )
    needs = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    advice = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    confirm = serializers.BooleanField()
