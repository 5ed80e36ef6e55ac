"""The demo's staff work shows on the start page and in a reminder run (`notify-deadlines`)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from lagesbild.accounts.models import User
from lagesbild.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-serve")


def test_assigned_tasks_are_told_and_a_reminder_run_tells_owners_and_the_lead(demo) -> None:  # type: ignore[no-untyped-def]
    assigned = Notification.objects.filter(kind=Kind.TASK_ASSIGNED)
    assert assigned.exists()
    assert not assigned.filter(user__username="stabschef").exists(), "the lead assigned them"
    out = io.StringIO()
    call_command("notify_deadlines", stdout=out)
    assert Notification.objects.filter(kind=Kind.TASK_DUE).exists()
    assert Notification.objects.filter(
        kind=Kind.OBLIGATION_DUE, user__username="stabschef"
    ).exists()
    assert "aviseringar skapade" in out.getvalue()
    again = io.StringIO()
    call_command("notify_deadlines", stdout=again)
    assert again.getvalue().startswith("0 "), "a second run tells nobody again"
    client = Client()
    client.force_login(User.objects.get(username="skribent"))
    page = client.get("/").content.decode()
    assert "ska vara klar senast" in page
