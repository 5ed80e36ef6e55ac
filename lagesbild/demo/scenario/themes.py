"""Demo analysis: a codebook for the collection, person codings by two analysts, memos,
one theme discovery with a confirmed theme and suggestions still waiting."""

from __future__ import annotations

from typing import Any

from lagesbild.experiences.models import Channel, Source
from lagesbild.themes.models import Code, SuggestionStatus
from lagesbild.themes.services import (
    code_create,
    codebook_for,
    coding_create,
    memo_create,
    run_start,
    sample_create,
    suggestion_confirm,
    theme_run_execute_now,
)

# (theme, colour, description, [(sub-code, words that mark it)])
CODEBOOK = [
    ("Inloggning och behörighet", "#1d5fa8", "Allt som hindrar att komma in i systemet.", [
        ("Långsam inloggning", ["inloggningen tar", "dubbelt så lång"]),
        ("SITHS-kort", ["siths"]),
        ("Utloggning mitt i arbetet", ["utloggade"]),
    ]),
    ("Läkemedel", "#a83232", "Läkemedelslistor, ordinationer och avstämning.", [
        ("Läkemedelslistan", ["läkemedelslista"]),
        ("Ordinationer försvann", ["ordinationer försvann"]),
    ]),
    ("Utbildning", "#2e7d32", "När, hur och för vem utbildningen gavs.", [
        ("Fel tidpunkt", ["för tidigt", "glömt"]),
        ("Superanvändare", ["superanvändar"]),
    ]),
    ("Arbetsbelastning", "#8a5a00", "Övertid, sjukskrivningar, schema.", [
        ("Övertid", ["övertid", "arbetat över"]),
    ]),
    ("Patientsäkerhet", "#6a1b9a", "Risker för patienter: remisser, provsvar, historik.", [
        ("Remisser och provsvar", ["remiss", "provsvar"]),
    ]),
]  # fmt: skip


def _code_by_words(
    sources: list[Source],
    codes: dict[str, tuple[Code, list[str]]],
    coder: Any,
    sample_id: int | None = None,
) -> int:
    made = 0
    for source in sources:
        lower = source.text.lower()
        for code, words in codes.values():
            for word in words:
                at = lower.find(word)
                if at < 0:
                    continue
                # The sentence holding the word: what an analyst would select.
                start = max(lower.rfind(".", 0, at) + 1, 0)
                end = lower.find(".", at)
                end = len(source.text) if end < 0 else end + 1
                while start < end and source.text[start].isspace():
                    start += 1
                coding_create(
                    source=source, code=code, start=start, end=end, coder=coder, sample_id=sample_id
                )
                made += 1
                break
    return made


def load(ctx: dict[str, Any]) -> None:
    collection, users = ctx["collection"], ctx["users"]
    analyst, second = users["redaktor"], users["stabschef"]
    codebook = codebook_for(collection=collection)
    subcodes: dict[str, tuple[Code, list[str]]] = {}
    for name, colour, description, children in CODEBOOK:
        theme = code_create(
            codebook=codebook, name=name, colour=colour, description=description,
            is_theme=True, actor=analyst,
        )  # fmt: skip
        for child, words in children:
            code = code_create(
                codebook=codebook, name=child, colour=colour, parent=theme, actor=analyst
            )
            subcodes[child] = (code, words)
    answers = list(
        Source.objects.filter(collection=collection, channel=Channel.WEB)
        .exclude(text="")
        .order_by("id")
    )
    # The first analyst has coded the first 300 answers; the second analyst double-coded 60 of them.
    _code_by_words(answers[:300], subcodes, analyst)
    second_codes = {k: v for k, v in subcodes.items() if k not in ("Fel tidpunkt",)}
    _code_by_words(answers[240:300], second_codes, second)
    others = (
        Source.objects.filter(collection=collection).exclude(channel=Channel.WEB).exclude(text="")
    )
    _code_by_words(list(others), subcodes, analyst)
    memo_create(
        codebook=codebook,
        author=analyst,
        text=(
            "Kodningen följer frågorna i webbenkäten. Underkoder läggs till när minst fem svar "
            "säger samma sak. Namn på enheter räknas inte som personuppgifter."
        ),
    )
    memo_create(
        codebook=codebook,
        author=second,
        code=subcodes["Fel tidpunkt"][0],
        text="Skilj på ”för tidigt” (glömt innan start) och ”för sent” (efter start).",
    )
    if answers:
        memo_create(
            codebook=codebook,
            author=analyst,
            source=answers[0],
            text="Typiskt svar från morgonpasset; jämför med dialogmötet på akuten.",
        )
    # One discovery over the first question; the largest theme confirmed, the rest waiting.
    prompt = collection.prompts.order_by("position", "id").first()
    run = run_start(codebook=codebook, actor=analyst, prompt=prompt, enqueue=False)
    run = theme_run_execute_now(run_id=run.pk)
    suggestions = list(run.themes.filter(status=SuggestionStatus.SUGGESTED).order_by("-size"))
    login = next((t for t in suggestions if "inloggningen" in t.label.lower()), None)
    login_code = None
    if login is not None:
        login_code = suggestion_confirm(
            theme=login, actor=analyst, label="Inloggningen tar tid varje morgon"
        )
    # A blind agreement sample of 30 answers: both analysts have coded it, the second without
    # the sub-code "Fel tidpunkt", so the results show real disagreements.
    sample = sample_create(
        codebook=codebook, title="Prov 1 – webbfrågan", size=30, coders=[analyst, second]
    )
    drawn = list(sample.sources.order_by("id"))
    _code_by_words(drawn, subcodes, analyst, sample_id=sample.pk)
    _code_by_words(drawn, second_codes, second, sample_id=sample.pk)
    # The engine as the second coder: two more suggestions about logging in are confirmed, the
    # engine codes 40 answers with the three theme codes, and the analyst codes the same answers
    # blind with them, sentence by sentence, where the words fit.
    engine_sample = None
    if login_code is not None:
        theme_codes = {"login": (login_code, ["inloggningen tar", "dubbelt så lång"])}
        for key, words, name in (
            ("siths", ["siths"], "SITHS-kortet fungerar inte överallt"),
            ("logout", ["utloggade"], "Utloggad mitt i anteckningen"),
        ):
            found = next((t for t in suggestions if words[0] in t.label.lower()), None)
            if found is not None and found is not login:
                theme_codes[key] = (
                    suggestion_confirm(theme=found, actor=analyst, label=name),
                    words,
                )
        engine_sample = sample_create(
            codebook=codebook,
            title="Prov 2 – analytikern mot motorn",
            size=40,
            coders=[analyst],
            seed=7,
            engine_run=run,
        )
        _code_by_words(
            list(engine_sample.sources.order_by("id")),
            theme_codes,
            analyst,
            sample_id=engine_sample.pk,
        )
    ctx.update(
        codebook=codebook, theme_run=run, agreement_sample=sample, engine_sample=engine_sample
    )
