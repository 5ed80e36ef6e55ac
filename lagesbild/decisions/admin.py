from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lagesbild.decisions.models import (
    Agreement,
    ConsequenceArea,
    Criterion,
    Decision,
    Finding,
    Obligation,
    Option,
    Review,
    Risk,
    RiskAssessment,
)


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "likelihood", "consequence", "status", "staff"]
    list_filter = ["staff", "status"]
    search_fields = ["title", "cause"]


class NeverChanged(admin.ModelAdmin):
    """Rows that are history or a record: shown, never changed or deleted from the admin."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(NeverChanged):
    list_display = ["risk", "at", "likelihood", "consequence", "option"]


@admin.register(Decision)
class DecisionAdmin(NeverChanged):
    list_display = ["decided_on", "title", "registration_number", "staff"]
    list_filter = ["staff"]


admin.site.register(ConsequenceArea)
admin.site.register(Review)
admin.site.register(Finding)
admin.site.register(Option)
admin.site.register(Criterion)
admin.site.register(Agreement)
admin.site.register(Obligation)
