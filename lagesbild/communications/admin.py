from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lagesbild.communications.models import (
    CommunicationAction,
    FaqEntry,
    FaqVersion,
    Link,
    LinkCollection,
    MediaCoverage,
    PressInquiry,
)


@admin.register(CommunicationAction)
class CommunicationActionAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "channel", "staff"]
    list_filter = ["staff", "channel"]
    date_hierarchy = "date"
    search_fields = ["title", "description"]


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0


@admin.register(LinkCollection)
class LinkCollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "staff"]
    inlines = [LinkInline]


@admin.register(PressInquiry)
class PressInquiryAdmin(admin.ModelAdmin):
    list_display = ["received_at", "outlet", "journalist", "status", "deadline", "staff"]
    list_filter = ["staff", "status"]
    search_fields = ["outlet", "journalist", "question"]


@admin.register(MediaCoverage)
class MediaCoverageAdmin(admin.ModelAdmin):
    list_display = ["date", "outlet", "headline", "topic", "tone", "staff"]
    list_filter = ["staff", "kind", "tone", "topic"]
    date_hierarchy = "date"
    search_fields = ["headline", "outlet", "topic"]


class FaqVersionInline(admin.TabularInline):
    """Published wordings never change, not even here."""

    model = FaqVersion
    extra = 0
    readonly_fields = [
        "number",
        "question",
        "answer",
        "change_note",
        "published_at",
        "published_by",
    ]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "owner", "last_reviewed_at", "staff"]
    list_filter = ["staff", "group"]
    inlines = [FaqVersionInline]
