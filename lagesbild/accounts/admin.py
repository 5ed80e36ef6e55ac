from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.models import User


@admin.register(User)
class LagesbildUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*UserAdmin.fieldsets, (_("Lägesbild"), {"fields": ("role", "title")}))  # type: ignore[misc]
