"""Shared lookups: a lesson or action, with the person's right checked in its staff."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lagesbild.accounts.permissions import check_staff
from lagesbild.lessons.models import Lesson, LessonAction


def lesson_get(request: HttpRequest, pk: int, action: str) -> Lesson:
    lesson = get_object_or_404(Lesson.objects.select_related("staff", "merged_into"), pk=pk)
    check_staff(request, action, lesson.staff)
    return lesson


def action_get(request: HttpRequest, pk: int, action: str) -> LessonAction:
    item = get_object_or_404(
        LessonAction.objects.select_related("lesson__staff", "owner_user"), pk=pk
    )
    check_staff(request, action, item.lesson.staff)
    return item
