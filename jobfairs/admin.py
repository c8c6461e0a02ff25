from django.contrib import admin

from .models import Booth, FairRegistration, FairResult, JobFair


@admin.register(JobFair)
class JobFairAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "starts_at", "region", "status"]
    list_filter = ["status", "format"]
    readonly_fields = ["organiser", "created_at"]


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["fair", "number", "employer", "withdrawn_at"]
    readonly_fields = ["fair", "employer", "number", "created_by", "created_at"]


@admin.register(FairRegistration)
class FairRegistrationAdmin(admin.ModelAdmin):
    list_display = ["fair", "person", "created_at"]
    readonly_fields = ["fair", "person", "created_at"]


@admin.register(FairResult)
class FairResultAdmin(admin.ModelAdmin):
    list_display = ["fair", "booth", "person", "kind", "recorded_at"]
    readonly_fields = ["fair", "booth", "person", "kind", "employment", "recorded_by", "recorded_at"]
