"""The demo's ten requests cover every state: one overdue, one refused with an appeal notice."""

from typing import Any

import pytest
from django.core.management import call_command

from lagesbild.records import clock
from lagesbild.records.models import Outcome, RecordsRequest


@pytest.mark.django_db
def test_the_demo_has_ten_requests_in_every_state(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-serve")
    requests = list(RecordsRequest.objects.all())
    assert len(requests) == 10
    outcomes = {r.outcome for r in requests}
    assert outcomes == {"", Outcome.RELEASED, Outcome.PARTLY, Outcome.REFUSED}
    open_status = [r.clock_status() for r in requests if not r.is_decided]
    assert open_status.count(clock.OVERDUE) == 1
    refused = next(r for r in requests if r.outcome == Outcome.REFUSED)
    assert "kammarrätten" in refused.appeal_notice and refused.decision_pdf
    assert any(r.requester_purged_at for r in requests)
    assert any(not r.is_decided and any(d.outcome for d in r.documents.all()) for r in requests)
    linked = [d.linked() for r in requests for d in r.documents.all() if d.link_kind]
    assert {"Rapport", "Överenskommelse"} <= {str(link["label"]) for link in linked if link}
    assert all(link and link["url"].startswith("/") for link in linked)
