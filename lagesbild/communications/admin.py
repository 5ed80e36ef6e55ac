from django.contrib import admin

from lagesbild.communications.models import CommunicationAction, Link, LinkCollection


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
