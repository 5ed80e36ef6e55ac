"""Shared lookups: a lesson or action, with the person's right checked in its staff."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lagesbild.accounts.permissions import check_staff, may
from lagesbild.lessons.access import UNPUBLISHED
from lagesbild.lessons.models import Lesson, LessonAction


def lesson_get(request: HttpRequest, pk: int, action: str) -> Lesson:
    lesson = get_object_or_404(Lesson.objects.select_related("staff", "merged_into"), pk=pk)
    check_staff(request, action, lesson.staff)
    return lesson


def lesson_readable(request: HttpRequest, pk: int) -> Lesson:
    """The lesson for its reading page; one not published that the person may not see is 404."""
    lesson = get_object_or_404(Lesson.objects.select_related("staff", "merged_into"), pk=pk)
    # As a report draft's reading page: the address never confirms that the lesson exists.
    if not lesson.is_published and not may(request.user, UNPUBLISHED, lesson.staff):
        raise Http404
    check_staff(request, "lesson_view", lesson.staff)
    return lesson


def action_get(request: HttpRequest, pk: int, action: str) -> LessonAction:
    item = get_object_or_404(
        LessonAction.objects.select_related("lesson__staff", "owner_user"), pk=pk
    )
    check_staff(request, action, item.lesson.staff)
    return item
