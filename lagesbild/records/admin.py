from django.contrib import admin

from lagesbild.records.models import RecordsRequest, RequestedDocument, RequestNote


class DocumentInline(admin.TabularInline):
    model = RequestedDocument
    extra = 0


class NoteInline(admin.TabularInline):
    model = RequestNote
    extra = 0


@admin.register(RecordsRequest)
class RecordsRequestAdmin(admin.ModelAdmin):
    list_display = ["number", "staff", "received_at", "outcome", "decided_at"]
    list_filter = ["staff", "outcome"]
    search_fields = ["number", "description"]
    inlines = [DocumentInline, NoteInline]
