"""Plain make_<model>() helpers for the journal's tests."""

from datetime import date
from typing import Any

from django.test import Client

from lagesbild.accounts.models import User
from lagesbild.journal.models import Category, JournalEntry, Task
from lagesbild.journal.services.journal import entry_add
from lagesbild.staff.models import Staff


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_entry(
    staff: Staff, by: User, text: str = "Samtal från SR Väst.", **fields: Any
) -> JournalEntry:
    fields.setdefault("category", Category.INFO_IN)
    return entry_add(staff=staff, by=by, text=text, **fields)


def make_task(staff: Staff, **fields: Any) -> Task:
    fields.setdefault("title", "Manuell bevakning av remisser")
    fields.setdefault("due_date", date(2026, 12, 3))
    return Task.objects.create(staff=staff, **fields)
