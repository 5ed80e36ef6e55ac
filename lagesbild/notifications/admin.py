from django.contrib import admin

from lagesbild.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["created_at", "user", "kind", "mail_state", "read_at"]
    list_filter = ["kind", "mail_state"]
    readonly_fields = ["user", "staff", "kind", "params", "url", "key", "created_at"]
