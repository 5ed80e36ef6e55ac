"""The admin site: every addition, change and deletion made there also goes to the audit log.

Django's admin writes its own LogEntry rows; the project's audit log is `audit_record`. The
site wraps every ModelAdmin registered on it (ours, other apps', third parties') so no admin
page can change data without an audit entry, and none can forget to opt in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from lagesbild.accounts.services import audit_record


def _actor(request: HttpRequest) -> Any:
    user = request.user
    return user if user.is_authenticated else None


def _message(message: Any) -> Any:
    return message if isinstance(message, list | str) else str(message)


class AuditedAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_record(
            actor=_actor(request),
            action="admin.add",
            obj=obj,
            summary=str(obj)[:200],
            details={"change": _message(message)},
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_record(
            actor=_actor(request),
            action="admin.change",
            obj=obj,
            summary=str(obj)[:200],
            details={"change": _message(message)},
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Iterable[models.Model]) -> Any:
        # Called before the objects are deleted, so each still has its id.
        for obj in queryset:
            audit_record(
                actor=_actor(request), action="admin.delete", obj=obj, summary=str(obj)[:200]
            )
        return super().log_deletions(request, queryset)  # type: ignore[arg-type]


class AuditedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(admin_class.__name__, (AuditedAdminMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
