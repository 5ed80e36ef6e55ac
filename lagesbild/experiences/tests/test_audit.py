"""Audit gaps: editing a web question or a collection, admin changes, deleted sources' index rows."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client

from lagesbild.accounts.admin_site import AuditedAdminMixin
from lagesbild.accounts.models import AuditEntry
from lagesbild.experiences.models import Source
from lagesbild.experiences.search import FTS_TABLE, source_search
from lagesbild.experiences.services import source_delete
from lagesbild.experiences.tests.helpers import make_collection, make_source, make_web_question
from lagesbild.testing import make_user

PNR = "811218-9876"


def test_editing_a_web_question_leaves_an_audit_entry(client: Client, cast: dict) -> None:
    question = make_web_question()
    client.force_login(cast["editor"])
    url = f"/erfarenheter/{question.collection.slug}/webbfraga/{question.slug}/"
    response = client.post(
        url,
        {
            "title": "Ny rubrik",
            "slug": question.slug,
            "introduction": question.introduction,
            "ask_category": "on",
            "consent_text": "",
            "max_length": 5000,
            "prompts": "Vad har fungerat dåligt?\nVad har fungerat bra?",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="experiences.web_question_update")
    assert entry.actor == cast["editor"]
    assert entry.details == {"fields": ["title"], "prompts_changed": True}


def test_editing_a_collection_leaves_an_audit_entry(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/andra/",
        {
            "title": collection.title,
            "slug": collection.slug,
            "purpose": "Lära inför nästa införande.",
            "categories": "Utförarförvaltning\nKommun",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="experiences.collection_update")
    assert entry.details == {"fields": ["purpose"], "categories_changed": True}


def test_every_admin_page_is_audited() -> None:
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdminMixin), model


def _superuser() -> object:
    return make_user("driftansvarig", is_staff=True, is_superuser=True)


def test_admin_changes_and_deletions_go_to_the_audit_log(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(_superuser())
    url = f"/admin/experiences/collection/{collection.pk}/change/"
    data = {
        "title": "Ändrad i admin",
        "slug": collection.slug,
        "staff": collection.staff_id,
        "purpose": "",
        "period_start": "",
        "period_end": "",
        "categories-TOTAL_FORMS": "0",
        "categories-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = AuditEntry.objects.get(action="admin.change")
    assert change.actor.username == "driftansvarig" and change.object_id == str(collection.pk)
    source = make_source(collection)
    response = client.post(f"/admin/experiences/source/{source.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()
    assert AuditEntry.objects.filter(action="admin.delete", object_id=str(source.pk)).exists()


def test_the_admin_never_shows_a_sources_original_text(client: Client, cast: dict) -> None:
    source = make_source(text=f"Ring {PNR}.")
    client.force_login(_superuser())
    html = client.get(f"/admin/experiences/source/{source.pk}/change/").content.decode()
    assert PNR not in html


def _index_rows() -> set[int]:
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE}")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_a_deleted_source_leaves_no_search_index_row_however_it_is_deleted() -> None:
    collection = make_collection()
    kept = make_source(collection, text="Inloggningen fungerar.")
    by_service = make_source(collection, text="Skrivaren strejkar igen.")
    by_cascade = make_source(make_collection(), text="Skrivaren strejkar ofta.")
    by_queryset = make_source(collection, text="Skrivaren strejkar alltid.")
    source_delete(source=by_service, actor=None)  # type: ignore[arg-type]
    by_cascade.collection.delete()
    Source.objects.filter(pk=by_queryset.pk).delete()
    assert list(source_search(Source.objects.all(), "skrivaren")) == []
    if connection.vendor == "sqlite":
        assert _index_rows() == {kept.pk}
