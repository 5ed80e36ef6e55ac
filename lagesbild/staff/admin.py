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
