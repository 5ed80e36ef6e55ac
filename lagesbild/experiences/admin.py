from django.contrib import admin

from lagesbild.experiences.models import (
    Collection,
    ImportBatch,
    ParticipantCategory,
    Source,
    WebQuestion,
)


class CategoryInline(admin.TabularInline):
    model = ParticipantCategory
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "staff", "period_start", "period_end"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CategoryInline]


@admin.register(WebQuestion)
class WebQuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "collection", "opens_on", "closes_on"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "channel", "date", "category", "collection"]
    list_filter = ["channel", "collection"]
    # Texts change only through the services, which redact and re-index them. The original
    # text and file are not shown here at all: only the audited view on the source page does.
    readonly_fields = ["text", "text_hash"]
    exclude = ["original_text", "file"]
    raw_id_fields = ["respondent", "prompt", "import_batch", "registered_by"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "collection", "uploaded_at", "imported_at", "row_count"]
