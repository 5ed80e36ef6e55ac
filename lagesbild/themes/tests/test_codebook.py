"""The codebook: codes in a tree, renamed, merged, moved and retired without losing history."""

import pytest
from django.test import Client

from lagesbild.accounts.models import AuditEntry
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.themes.models import Code, Coding, Memo
from lagesbild.themes.services import AnalysisError, StaleEdit, code_merge, code_update
from lagesbild.themes.tests.helpers import make_code, make_codebook, make_coding


def url(code_or_slug, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    if isinstance(code_or_slug, Code):
        return f"/analys/{code_or_slug.codebook.collection.slug}/koder/{code_or_slug.pk}/{suffix}"
    return f"/analys/{code_or_slug}/{suffix}"


@pytest.mark.django_db
def test_an_editor_creates_a_sub_code_under_a_theme(client: Client, cast: dict) -> None:
    collection = make_collection()
    theme = make_code(make_codebook(collection), name="Inloggning", is_theme=True)
    client.force_login(cast["editor"])
    response = client.post(
        url(collection.slug, "koder/"),
        {"name": "Långa väntetider", "colour": "#aa3300", "parent": theme.pk, "description": "x"},
    )
    assert response.status_code == 302
    child = Code.objects.get(name="Långa väntetider")
    assert child.parent == theme and child.colour == "#aa3300"
    page = client.get(url(collection.slug, "koder/")).content.decode()
    assert "Långa väntetider" in page and "depth-1" in page
    assert AuditEntry.objects.filter(action="themes.code_create", object_id=str(child.pk)).exists()


@pytest.mark.django_db
def test_it_refuses_a_second_code_with_the_same_name(client: Client, cast: dict) -> None:
    collection = make_collection()
    make_code(make_codebook(collection), name="Utbildning")
    client.force_login(cast["editor"])
    response = client.post(
        url(collection.slug, "koder/"), {"name": "utbildning", "colour": "#000000"}
    )
    assert response.status_code == 400
    assert "Det finns redan en kod" in response.content.decode()
    assert Code.objects.count() == 1


@pytest.mark.django_db
def test_merging_moves_codings_and_keeps_the_old_code_in_history(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    a, b = make_code(codebook, name="Support"), make_code(codebook, name="Servicedesk")
    source = make_source(collection, text="Servicedesk svarade aldrig.")
    make_coding(source, a)
    Memo.objects.create(codebook=codebook, code=a, text="Om support")
    client.force_login(cast["editor"])
    response = client.post(url(a), {"do": "merge", "into": b.pk})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.merged_into == b and a.retired_at is not None
    assert Coding.objects.get().code == b
    assert Memo.objects.get().code == b
    assert "sammanslagen med" in client.get(url(collection.slug, "koder/")).content.decode()


@pytest.mark.django_db
def test_retiring_keeps_the_codings(client: Client, cast: dict) -> None:
    collection = make_collection()
    code = make_code(make_codebook(collection))
    make_coding(make_source(collection), code)
    client.force_login(cast["staff_lead"])
    client.post(url(code), {"do": "retire"})
    code.refresh_from_db()
    assert code.retired_at is not None and code.codings.count() == 1
    client.post(url(code), {"do": "restore"})
    code.refresh_from_db()
    assert code.retired_at is None


@pytest.mark.django_db
def test_two_analysts_editing_one_code_the_second_is_told_and_nothing_is_lost(
    client: Client, cast: dict
) -> None:
    code = make_code(name="Behörigheter")
    opened = code.version
    code_update(code=code, version=opened, actor=None, name="Behörighet", description="",
                colour="#112233", is_theme=False, parent=None)  # fmt: skip
    client.force_login(cast["editor"])
    response = client.post(
        url(code),
        {"do": "update", "version": opened, "name": "Roller", "colour": "#445566"},
    )
    assert response.status_code == 409
    assert "Någon annan har ändrat koden" in response.content.decode()
    code.refresh_from_db()
    assert code.name == "Behörighet"
    with pytest.raises(StaleEdit):
        code_update(code=code, version=opened, actor=None, name="X", description="",
                    colour="#000000", is_theme=False, parent=None)  # fmt: skip


@pytest.mark.django_db
def test_moving_a_code_under_its_own_child_is_refused() -> None:
    parent = make_code(name="Arbetsmiljö")
    child = make_code(parent.codebook, name="Stress", parent=parent)
    with pytest.raises(AnalysisError, match="under sig själv"):
        code_update(code=parent, version=parent.version, actor=None, name=parent.name,
                    description="", colour="#000000", is_theme=False, parent=child)  # fmt: skip
    with pytest.raises(AnalysisError):
        code_merge(code=parent, into=child, actor=None)


@pytest.mark.django_db
def test_readers_and_contributors_cannot_open_the_workspace(client: Client, cast: dict) -> None:
    collection = make_collection()
    for name in ("reader", "contributor"):
        client.force_login(cast[name])
        assert client.get(url(collection.slug)).status_code == 403
    client.logout()
    assert client.get(url(collection.slug)).status_code == 302


@pytest.mark.django_db
def test_a_code_memo_is_saved_with_its_author(client: Client, cast: dict) -> None:
    code = make_code()
    client.force_login(cast["editor"])
    client.post(url(code), {"do": "memo", "text": "Koden gäller även VPN."})
    memo = Memo.objects.get()
    assert memo.code == code and memo.author == cast["editor"]
    assert "Koden gäller även VPN." in client.get(url(code)).content.decode()
