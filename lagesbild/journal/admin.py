from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lagesbild.journal.models import JournalEntry, Meeting, Task


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    """The journal is append-only: the admin shows it and can neither change nor delete it."""

    list_display = ["number", "event_at", "category", "author_label", "key_event", "staff"]
    list_filter = ["staff", "category", "key_event"]
    search_fields = ["text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "horizon", "owner", "due_date", "status", "staff"]
    list_filter = ["staff", "horizon", "status"]


admin.site.register(Meeting)
