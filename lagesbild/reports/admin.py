"""Admin views for inspection; reports are written in the editor, where changes are audited."""

from django.contrib import admin

from lagesbild.reports.models import (
    Report,
    ReportSection,
    ReportTransition,
    Series,
    TemplateSection,
)


class TemplateSectionInline(admin.TabularInline):
    model = TemplateSection
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "staff", "slug", "is_public"]
    list_filter = ["is_public", "staff"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TemplateSectionInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ReportSectionInline(ReadOnlyInline):
    model = ReportSection
    fields = ["position", "heading", "kind", "status", "assignee", "revision"]


class ReportTransitionInline(ReadOnlyInline):
    model = ReportTransition
    fields = ["at", "from_state", "to_state", "by_label", "note"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: edits here would bypass the workflow and the audit log."""

    list_display = ["title", "number", "version", "kind", "state", "compiled_at", "published_at"]
    list_filter = ["state", "kind", "series"]
    inlines = [ReportSectionInline, ReportTransitionInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
