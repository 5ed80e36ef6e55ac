from django.contrib import admin

from lagesbild.staff.models import Spokesperson, Staff, StaffMember


class StaffMemberInline(admin.TabularInline):
    model = StaffMember
    extra = 0


class SpokespersonInline(admin.TabularInline):
    model = Spokesperson
    extra = 0


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StaffMemberInline, SpokespersonInline]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    """Who has which rights in which staff until when, across staffs (see docs/permissions.md)."""

    list_display = [
        "name",
        "user",
        "staff",
        "staff_role",
        "access_role",
        "valid_from",
        "valid_to",
        "source",
    ]
    list_filter = ["staff", "staff_role", "access_role", "source"]
    search_fields = ["name", "user__username", "event"]
    autocomplete_fields = ["user"]
