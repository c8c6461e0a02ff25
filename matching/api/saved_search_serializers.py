"""Serializers of the seeker's saved searches and 不合适 list (explicit fields)."""

from rest_framework import serializers

from ..choices import SavedSearchFrequency
from ..models import MatchFeedback, SavedSearch
from ..selectors.saved_searches import saved_search_describe, saved_search_url


class SavedSearchSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField(help_text="搜索条件（文字）")
    url = serializers.SerializerMethodField(help_text="查看结果的页面地址")

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "query",
            "summary",
            "url",
            "frequency",
            "active",
            "last_notified_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_summary(self, obj) -> str:
        return saved_search_describe(obj.query)

    def get_url(self, obj) -> str:
        return saved_search_url(obj.query)


class SavedSearchCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    query = serializers.DictField(
        help_text="/jobs/ 的搜索条件：q 以及岗位筛选参数（region、employment_form、hours、pay_min、"
        "accommodations、remote、guaranteed_interview、occupation）",
        child=serializers.JSONField(),
    )
    frequency = serializers.ChoiceField(
        choices=SavedSearchFrequency.choices, default=SavedSearchFrequency.DAILY
    )

    def validate_query(self, value):
        if len(value) > 20:
            raise serializers.ValidationError("搜索条件过多")
        for item in value.values():
            items = item if isinstance(item, list) else [item]
            if len(items) > 30 or any(
                not isinstance(v, str | int | float) or len(str(v)) > 100 for v in items
            ):
                raise serializers.ValidationError("搜索条件的值应为文字或数字（或它们的列表）")
        return value


class SavedSearchUpdateSerializer(serializers.Serializer):
    active = serializers.BooleanField(required=False, help_text="false：暂停提醒；true：恢复")
    frequency = serializers.ChoiceField(choices=SavedSearchFrequency.choices, required=False)


class FeedbackListSerializer(serializers.ModelSerializer):
    posting_title = serializers.CharField(source="posting.title")
    employer_name = serializers.CharField(source="posting.employer.name")
    reason_label = serializers.CharField(source="get_reason_display")

    class Meta:
        model = MatchFeedback
        fields = [
            "id",
            "posting",
            "posting_title",
            "employer_name",
            "reason",
            "reason_label",
            "text",
            "created_at",
        ]
        read_only_fields = fields
