"""The staff's questions and tasks: short- and long-term, mine first, overdue marked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, may, require
from lagesbild.journal.forms import TaskForm, TaskProgressForm
from lagesbild.journal.models import Horizon, Task, TaskStatus
from lagesbild.journal.services.tasks import task_note_add, task_save
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


@require("read_journal")
def task_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_journal")
    show = request.GET.get("visa", "open")
    tasks = Task.objects.filter(staff=staff).select_related("owner")
    if show == "mine":
        tasks = tasks.filter(owner=actor(request)).open()
    elif show == "closed":
        tasks = tasks.exclude(
            status__in=[TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.WAITING]
        )
    else:
        show = "open"
        tasks = tasks.open()
    return page(
        request,
        "journal/task_list.html",
        staff,
        groups=[
            (label, [t for t in tasks if t.horizon == value]) for value, label in Horizon.choices
        ],
        show=show,
    )


@require("manage_tasks")
def task_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "manage_tasks")
    form = TaskForm(request.POST or None, instance=Task(staff=staff))
    return form_flow(
        request,
        form,
        save=lambda: _save_with_links(form, request),
        message=_("Frågan är sparad."),
        then=reverse("journal:tasks", args=[staff.slug]),
        title=_("Ny fråga"),
        staff=staff,
    )


@transaction.atomic
def _save_with_links(form: TaskForm, request: HttpRequest) -> Task:
    task = task_save(task=form.instance, by=actor(request), changed=form.changed_data)
    for name in ("decisions", "risks", "findings"):
        getattr(task, name).set(form.cleaned_data[name])
    return task


def _task(request: HttpRequest, pk: int, action: str) -> Task:
    task = get_object_or_404(Task.objects.select_related("staff", "owner"), pk=pk)
    check_staff(request, action, task.staff)
    return task


@require("read_journal")
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "read_journal")
    may_update = may(request.user, "manage_tasks", task.staff) or task.owner_id == request.user.pk
    form = TaskProgressForm(request.POST or None, task=task)
    if request.method == "POST":
        if not may_update:
            check_staff(request, "manage_tasks", task.staff)
        if form.is_valid():
            try:
                if form.cleaned_data["status"] != task.status:
                    task.status = form.cleaned_data["status"]
                    task_save(task=task, by=actor(request), changed=["status"])
                if form.cleaned_data["text"].strip():
                    task_note_add(task=task, by=actor(request), text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Frågan är uppdaterad."))
                return redirect("journal:task", pk=task.pk)
    return page(
        request,
        "journal/task_detail.html",
        task.staff,
        task=task,
        notes=task.notes.select_related("by"),
        form=form,
        may_update=may_update,
    )


@require("manage_tasks")
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk, "manage_tasks")
    form = TaskForm(request.POST or None, instance=task)
    return form_flow(
        request,
        form,
        save=lambda: _save_with_links(form, request),
        message=_("Ändringarna är sparade."),
        then=reverse("journal:task", args=[task.pk]),
        title=_("Redigera frågan"),
        staff=task.staff,
    )
