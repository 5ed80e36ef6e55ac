"""The anonymous web question: store answers with nothing that points back to a person.

No IP address, user agent, cookie id, session or exact time is stored with an answer; only
today's date. Abuse is held back by a per-client counter kept in Django's cache (memory by
default), keyed by a salted hash of the address that never reaches the database.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.experiences.models import (
    Channel,
    Collection,
    ParticipantCategory,
    Prompt,
    Respondent,
    WebQuestion,
)
from lagesbild.experiences.search import search_index
from lagesbild.experiences.services.sources import SourceInput, source_build


def _client_key(address: str) -> str:
    # Salted with the secret key and today's date, so the key cannot be reversed or linked across days.
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}".encode()
    digest = hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()
    return f"experiences:answer-rate:{digest}"


def answer_rate_allows(*, address: str) -> bool:
    """Count one submission for this client; False once it is over the limit for the window."""
    limit = settings.EXPERIENCES_ANSWER_RATE_LIMIT
    if limit <= 0:
        return True
    key = _client_key(address)
    window = settings.EXPERIENCES_ANSWER_RATE_WINDOW
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def web_question_create(
    *,
    collection: Collection,
    slug: str,
    title: str,
    prompts: list[str],
    actor: User | None,
    introduction: str = "",
    consent_text: str = "",
    ask_category: bool = True,
    opens_on: date | None = None,
    closes_on: date | None = None,
    max_length: int = 5000,
    actor_label: str = "",
) -> WebQuestion:
    with transaction.atomic():
        question = WebQuestion.objects.create(
            collection=collection,
            slug=slug,
            title=title,
            introduction=introduction,
            consent_text=consent_text,
            ask_category=ask_category,
            opens_on=opens_on,
            closes_on=closes_on,
            max_length=max_length,
        )
        web_question_set_prompts(question=question, prompts=prompts)
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action="experiences.web_question_create",
            obj=question,
            summary=title,
        )
    return question


def web_question_update(
    *, question: WebQuestion, changes: dict[str, Any], prompts: list[str], actor: User
) -> WebQuestion:
    """Save an edited web question and its prompts, with an audit entry naming what changed."""
    with transaction.atomic():
        # Compared with the stored row: a bound ModelForm has already changed the instance.
        stored = WebQuestion.objects.get(pk=question.pk)
        changed = sorted(k for k, v in changes.items() if getattr(stored, k) != v)
        for name, value in changes.items():
            setattr(question, name, value)
        question.save()
        before = list(question.prompts.filter(position__lt=1000).values_list("text", flat=True))
        web_question_set_prompts(question=question, prompts=prompts)
        after = list(question.prompts.filter(position__lt=1000).values_list("text", flat=True))
        audit_record(
            actor=actor,
            action="experiences.web_question_update",
            obj=question,
            summary=question.title,
            details={"fields": changed, "prompts_changed": before != after},
        )
    return question


def web_question_set_prompts(*, question: WebQuestion, prompts: list[str]) -> None:
    """Keep prompts that stay (answers point to them), add new ones, drop unanswered removed ones."""
    wanted = [p.strip() for p in prompts if p.strip()]
    existing = {p.text: p for p in question.prompts.all()}
    for position, text in enumerate(wanted):
        prompt = existing.pop(text, None)
        if prompt is None:
            Prompt.objects.create(
                collection=question.collection, web_question=question, text=text, position=position
            )
        elif prompt.position != position:
            prompt.position = position
            prompt.save(update_fields=["position"])
    for prompt in existing.values():
        if prompt.sources.exists():
            prompt.position = 1000 + prompt.position
            prompt.save(update_fields=["position"])
        else:
            prompt.delete()


def web_answer_submit(
    *,
    question: WebQuestion,
    answers: dict[int, str],
    category: ParticipantCategory | None,
) -> int:
    """Store one respondent's answers (prompt id → text) in one short transaction."""
    today = timezone.localdate()
    with transaction.atomic():
        respondent = Respondent.objects.create(collection=question.collection)
        sources = []
        for prompt_id, text in answers.items():
            if not text.strip():
                continue
            source = source_build(
                collection=question.collection,
                item=SourceInput(
                    channel=Channel.WEB, text=text.strip(), date=today, category=category
                ),
            )
            source.respondent = respondent
            source.prompt_id = prompt_id
            sources.append(source)
        for source in sources:
            source.save()
        search_index(items=[(s.pk, s.text) for s in sources])
    return len(sources)
