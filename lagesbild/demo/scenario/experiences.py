"""Demo experience collection: all four channels, about a paused health-record rollout.

Several hundred web answers are built from varied templates with a seeded random generator,
so the demo looks the same every time it is loaded.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.experiences.models import Channel, Respondent, Source
from lagesbild.experiences.search import search_index
from lagesbild.experiences.services import (
    SourceInput,
    collection_create,
    source_register,
    web_question_create,
)
from lagesbild.experiences.services.sources import source_build

# The collection opened two weeks before the demo's today, as the demo reports tell it.
COLLECTING_DAYS = 14
WEB_ANSWERS = 1140

TOPICS = {
    "login": [
        "Inloggningen tar {n} minuter varje morgon och ibland får man börja om från början.",
        "SITHS-kortet fungerar inte i alla datorer, så vi får låna varandras inloggningar.",
        "Vi blir utloggade mitt i journalanteckningen och texten försvinner.",
        "Inloggning i det nya systemet och det gamla samtidigt gör att allt tar dubbelt så lång tid.",
    ],
    "medication": [
        "Läkemedelslistan visade inte samma sak som i det gamla systemet. Vi fick dubbelkontrollera allt.",
        "Ordinationer försvann vid överföringen och vi upptäckte det först vid läkemedelsutdelningen.",
        "Läkemedelslistorna var svåra att läsa och dosering syntes inte tydligt.",
        "Vi ringde apoteket flera gånger om dagen för att stämma av läkemedel.",
    ],
    "training": [
        "Utbildningen kom för tidigt – när systemet väl startade hade vi glömt det mesta.",
        "E-utbildningen var för allmän och visade inte hur vår mottagning arbetar.",
        "Superanvändarna var guld värda, men de räckte inte till alla pass.",
        "Nattpersonalen fick ingen utbildning alls på arbetstid.",
    ],
    "overtime": [
        "Jag har arbetat över {n} timmar i veckan sedan starten.",
        "Övertiden har blivit vardag och många kollegor är sjukskrivna.",
        "Vi fick dra ner på mottagningstider för att hinna dokumentera.",
        "Schemat gick inte ihop och vi fick ta in extrapersonal som inte kunde systemet.",
    ],
    "safety": [
        "Jag är orolig för patientsäkerheten när remisser inte kommer fram.",
        "Provsvar hamnade hos fel enhet och patienter fick vänta på besked.",
        "Vi gjorde flera avvikelserapporter om journalen men fick aldrig återkoppling.",
        "Det kändes osäkert att inte se hela patientens historik vid akuta lägen.",
    ],
    "communication": [
        "Vi fick veta om pausen via media innan vår egen chef hade informerats.",
        "Informationen på intranätet var motsägelsefull och uppdaterades för sällan.",
        "Det saknades en tydlig väg att rapportera problem och få svar.",
        "Det vore bra med en kort lägesbild varje vecka som alla chefer får samtidigt.",
    ],
}
UNITS = [
    "akutmottagningen",
    "medicinavdelningen",
    "hälsocentralen",
    "BB",
    "ortopeden",
    "barnkliniken",
    "psykiatrin",
    "operation",
    "röntgen",
    "hemsjukvården",
    "IVA",
    "vårdcentralen",
    "kirurgen",
    "geriatriken",
    "labbet",
]
PLACES = [
    " Jag arbetar på {unit}.",
    " Hos oss på {unit} märks det mest.",
    " ({unit})",
    " Så är det i alla fall på {unit}.",
    " Det gäller hela {unit}.",
]
OPENINGS = [
    "",
    "",
    "Ärligt talat: ",
    "Kort sagt: ",
    "Från min mottagning: ",
    "Som chef ser jag att ",
]
ENDINGS = [
    "",
    "",
    " Det måste bli bättre innan vi startar igen.",
    " Lyssna på oss som arbetar nära patienterna.",
    " Tack för att ni frågar.",
    " Ring mig gärna på 070-{a} {b} {c}.",
]
GOOD = [
    "Sammanhållningen i arbetsgruppen blev starkare.",
    "Supporten på plats var snabb och vänlig.",
    "Superanvändarna hjälpte oss mycket.",
    "Beslutet att pausa var rätt.",
    "Vi lärde oss mycket om vårt arbetssätt.",
    "",
    "",
]

MEETINGS = [
    (
        "Dialogmöte Sunderby sjukhus",
        "Sunderby sjukhus, aula",
        False,
        {"Utförarförvaltning": 34, "Programmet": 3},
    ),
    ("Dialogmöte primärvården", "", True, {"Utförarförvaltning": 41, "Privat vårdgivare": 6}),
    ("Dialogmöte Koncernkontoret", "Regionhuset, sal 3", False, {"Koncernkontoret": 22}),
    ("Dialogmöte kommunerna", "", True, {"Kommun": 28, "Utförarförvaltning": 2}),
    ("Dialogmöte programteamet", "Regionhuset, sal 1", False, {"Programmet": 17}),
    ("Dialogmöte privata vårdgivare", "", True, {"Privat vårdgivare": 12}),
]
MEETING_NOTES = (
    "Anteckningar från {title}.\n\n"
    "Deltagarna beskrev att {topic_a}\n\n"
    "Flera tog upp att {topic_b}\n\n"
    "Medskick till staben: tydligare information och en plan för utbildning före en omstart."
)
LETTERS = [
    (
        "Skrivelse från sjuksköterskor vid akutmottagningen",
        "Sjuksköterskor vid akutmottagningen, Sunderby sjukhus",
        "RS 2025/214",
        "Vi som arbetar på akutmottagningen vill uppmärksamma regionstyrelsen på "
        "patientsäkerheten. Läkemedelslistorna har vid flera tillfällen visat fel dos. Vi kräver "
        "att införandet inte återupptas innan felen är rättade och personalen har fått utbildning.",
    ),
    (
        "Skrivelse om arbetsmiljön",
        "Anonym",
        "RS 2025/231",
        "Övertiden har blivit ohållbar. Jag skriver anonymt eftersom jag är rädd att peka ut "
        "min arbetsplats. Kontakta fackombudet på kommunal.ombud@region.example om ni vill veta mer.",
    ),
    (
        "Skrivelse från Vårdförbundets medlemmar",
        "Vårdförbundet, avdelningen i regionen",
        "RS 2025/240",
        "Vi kräver att införandet pausas tills personalen har fått den utbildning som utlovats.",
    ),
    (
        "Skrivelse från Vårdförbundets medlemmar (kopia)",
        "Enskild medlem",
        "RS 2025/241",
        "Vi kräver att införandet pausas tills personalen har fått den utbildning som utlovats.",
    ),
]
INTERVIEWS = [
    ("Enhetschef, medicinkliniken", "Utförarförvaltning", "Lena Sjöberg"),
    ("Distriktssköterska, hälsocentral", "Utförarförvaltning", "Johan Ek"),
    ("Verksamhetschef, privat vårdcentral", "Privat vårdgivare", "Lena Sjöberg"),
    ("Socialchef", "Kommun", "Johan Ek"),
]
INTERVIEW_TEXT = (
    "Intervjuare: Hur upplevde du starten?\n"
    "Svar: {topic_a} Patienten Kalle Persson (19811218-9876) fick till exempel fel besked.\n\n"
    "Intervjuare: Vad borde vi ha gjort annorlunda?\n"
    "Svar: {topic_b} Och mer tid för utbildning innan start.\n\n"
    "Intervjuare: Något mer?\n"
    "Svar: {topic_c}"
)


def _sentence(rng: random.Random, topic: str) -> str:
    text = rng.choice(TOPICS[topic]).format(n=rng.randint(3, 15))
    return text


def _web_answer(rng: random.Random) -> str:
    topics = rng.sample(list(TOPICS), k=rng.choice([1, 1, 2, 2, 3]))
    body = " ".join(_sentence(rng, t) for t in topics)
    opening = rng.choice(OPENINGS)
    if opening.startswith("Som chef") and not body[:2].isupper():
        # "Som chef ser jag att inloggningen …", but acronyms such as SITHS keep their case.
        body = body[0].lower() + body[1:]
    ending = rng.choice(ENDINGS).format(
        a=rng.randint(100, 999), b=rng.randint(10, 99), c=rng.randint(10, 99)
    )
    place = rng.choice(PLACES).format(unit=rng.choice(UNITS))
    return f"{opening}{body}{place}{ending}"


def load(ctx: dict[str, Any]) -> None:
    rng = random.Random(2025)
    today = timezone.localdate()
    start = today - timedelta(days=COLLECTING_DAYS)
    staff, users = ctx["staff"], ctx["users"]
    editor = users.get("redaktor")
    collection = collection_create(
        staff=staff,
        title="Erfarenheter av införandet av vårdinformationssystemet",
        slug="erfarenheter-vis",
        purpose=(
            "Samla medarbetarnas erfarenheter av införandet och pausen, från alla delar av "
            "regionen, kommunerna och de privata vårdgivarna, som underlag för lärdomar och "
            "beslut om vägval."
        ),
        period_start=start,
        period_end=start + timedelta(days=90),
        actor=editor,
    )
    categories = {c.name: c for c in collection.categories.all()}
    question = web_question_create(
        collection=collection,
        slug="erfarenheter-vis",
        title="Dina erfarenheter av införandet av det nya vårdinformationssystemet",
        introduction=(
            "Regionen har pausat införandet av det nya vårdinformationssystemet. Innan vi går "
            "vidare vill vi lära av dig som var med. Svaren läses av den regionala staben och "
            "används för att dra lärdomar. Det tar ungefär fem minuter."
        ),
        prompts=[
            "Vad fungerade inte vid införandet, och hur påverkade det ditt arbete?",
            "Vad fungerade bra som vi bör ta med oss?",
        ],
        consent_text="",
        opens_on=start,
        closes_on=timezone.localdate() + timedelta(days=60),
        actor=editor,
    )
    worse, better = list(question.prompts.all())
    weights = [45, 12, 10, 14, 12, 7]
    names = list(categories)
    respondents = []
    sources = []
    for _ in range(WEB_ANSWERS):
        # Most answers come in the first days after the question opens.
        day = start + timedelta(days=min(int(rng.expovariate(1 / 4)), COLLECTING_DAYS))
        category = categories[rng.choices(names, weights)[0]] if rng.random() > 0.08 else None
        respondent = Respondent(collection=collection)
        respondents.append(respondent)
        texts = [(worse, _web_answer(rng)), (better, rng.choice(GOOD))]
        for prompt, text in texts:
            if not text:
                continue
            source = source_build(
                collection=collection,
                item=SourceInput(channel=Channel.WEB, text=text, date=day, category=category),
            )
            source.prompt = prompt
            sources.append((respondent, source))
    Respondent.objects.bulk_create(respondents)
    for respondent, source in sources:
        source.respondent = respondent
    created = Source.objects.bulk_create([s for _, s in sources])
    search_index(items=[(s.pk, s.text) for s in created])
    # A respondent who sent the same answer twice: the duplicate view shows them as one group.
    twice = sources[0][1]
    again = Respondent.objects.create(collection=collection)
    copy = source_build(
        collection=collection,
        item=SourceInput(
            channel=Channel.WEB, text=twice.original_text, date=twice.date, category=twice.category
        ),
    )
    copy.respondent, copy.prompt = again, twice.prompt
    copy.save()
    search_index(items=[(copy.pk, copy.text)])

    for i, (title, place, online, attendance) in enumerate(MEETINGS):
        topics = rng.sample(list(TOPICS), k=2)
        notes = MEETING_NOTES.format(
            title=title.lower().replace("dialogmöte", "dialogmötet"),
            topic_a=_sentence(rng, topics[0]).lower(),
            topic_b=_sentence(rng, topics[1]).lower(),
        )
        source_register(
            collection=collection,
            item=SourceInput(
                channel=Channel.MEETING,
                title=title,
                text=notes,
                date=start + timedelta(days=2 + i * 2),
                category=categories[next(iter(attendance))] if len(attendance) == 1 else None,
                fields={"place": place, "online": online, "organiser": "Programmet"},
                attendance={categories[name].pk: n for name, n in attendance.items()},
            ),
            actor=editor,
        )
    for i, (title, sender, number, text) in enumerate(LETTERS):
        source_register(
            collection=collection,
            item=SourceInput(
                channel=Channel.LETTER,
                title=title,
                text=text,
                date=start + timedelta(days=3 + i * 3),
                fields={
                    "sender": sender,
                    "addressee": "Regionstyrelsen",
                    "registration_number": number,
                },
            ),
            actor=editor,
        )
    for i, (role, category_name, interviewer) in enumerate(INTERVIEWS):
        topics = rng.sample(list(TOPICS), k=3)
        source_register(
            collection=collection,
            item=SourceInput(
                channel=Channel.INTERVIEW,
                title=f"Djupintervju {i + 1}: {role}",
                text=INTERVIEW_TEXT.format(
                    topic_a=_sentence(rng, topics[0]),
                    topic_b=_sentence(rng, topics[1]),
                    topic_c=_sentence(rng, topics[2]),
                ),
                date=start + timedelta(days=5 + i * 2),
                category=categories[category_name],
                fields={"interviewee_role": role, "organiser": interviewer},
            ),
            actor=editor,
        )
    ctx.update(collection=collection, web_question=question)
