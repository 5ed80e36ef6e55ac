"""Demo lessons: fifteen lessons from the paused rollout in every state, with evidence from the
codings of several channels, one resting on a single group, actions with owners and due dates
(some overdue) and two lessons learned."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.lessons.models import ActionStatus, Lesson, LessonState
from lagesbild.lessons.services.actions import action_add, action_set_status
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.lessons.services.life import lesson_create, lesson_move, lesson_publish
from lagesbild.themes.models import Code, Coding

S, A = LessonState, ActionStatus

# (title, area, observation, statement, codes cited, codes quoted from, notes, target state,
#  published, [(action, owner user or None, owner organisation, days until due, status)])
LESSONS: list[tuple[Any, ...]] = [
    ("Utbildningen kom för tidigt och glömdes bort", "training",
     "Många fick sin utbildning två till tre månader före start och hade glömt det mesta när systemet kom.",
     "Utbildning som ges mer än några veckor före start glöms bort. **Utbilda nära starten** och ge tillgång till en övningsmiljö som finns kvar efteråt.",
     ["Fel tidpunkt"], ["Fel tidpunkt"], [], S.LEARNED, True,
     [("Lägg utbildningen högst tre veckor före start i nästa etapp", "stabschef", "Regionens utbildningsenhet", -40, A.VERIFIED),
      ("Håll övningsmiljön öppen i sex månader efter start", None, "Region Västra Götaland, IT-avdelningen", -20, A.VERIFIED)]),
    ("Superanvändarna fick ingen tid avsatt", "work_environment",
     "Superanvändare skulle hjälpa kollegor men hade fulla scheman och ingen ersättare.",
     "En superanvändare utan avsatt tid är ingen superanvändare. Schemalägg tiden **innan** start och följ upp att den används.",
     ["Utbildning"], ["Superanvändare"], [], S.LEARNED, True,
     [("Avsätt minst fyra timmar i veckan per superanvändare under de första två månaderna", "redaktor", "Utförarförvaltningarnas HR-funktioner", -30, A.VERIFIED)]),
    ("Integrationerna testades inte hela vägen", "technical",
     "Remisser och provsvar gick fel mellan systemen; varje integration var testad för sig men inte hela flödet.",
     "Testa integrationer **från början till slut** i en produktionslik miljö, med verkliga flöden som remiss–provsvar–journal, innan start.",
     ["Remisser och provsvar"], ["Remisser och provsvar"], [], S.ACTION, True,
     [("Genomför ett sammanhållet test av remiss- och provsvarsflödet", None, "Region Västra Götaland, IT-avdelningen", -12, A.PLANNED),
      ("Beskriv godkännandekriterier för integrationstest i nästa etapp", "stabschef", "", 21, A.PLANNED)]),
    ("Läkemedelslistorna stämde inte efter övergången", "patient_safety",
     "Läkemedelslistor var ofullständiga eller dubblerade efter migreringen; flera avvikelser rapporterades.",
     "Läkemedelslistan är det mest patientkritiska i en övergång. Den ska **stämmas av manuellt** för inneliggande patienter vid start, och avvikelser följas dagligen.",
     ["Läkemedelslistan", "Ordinationer försvann"], ["Läkemedelslistan", "Ordinationer försvann"], [], S.ACTION, True,
     [("Rutin för manuell avstämning av läkemedelslistor vid start", None, "Chefläkarfunktionen", -5, A.DONE),
      ("Daglig uppföljning av läkemedelsavvikelser de första fyra veckorna", "redaktor", "Patientsäkerhetsenheten", 10, A.PLANNED)]),
    ("Leverantörens supportkö räckte inte vid start", "vendor",
     "Ärenden till leverantörens support låg i kö i flera dagar under de första veckorna.",
     "Avtalet behöver ange **svarstider under införandet**, inte bara i förvaltning, med förstärkt bemanning de första veckorna.",
     [], [], ["Stabens egen logg visar 1 400 öppna supportärenden vecka 2; medelväntetid 4,5 dagar.",
              "Förvaltningsledaren beskrev på stabsmötet att eskaleringsvägen till leverantören var oklar."],
     S.ACTION, True,
     [("Förhandla fram svarstider för införandeperioden i avtalet", None, "Koncernkontoret, upphandling", -3, A.PLANNED),
      ("Utse en kontaktperson hos leverantören för eskalering", "stabschef", "", 14, A.PROPOSED)]),
    ("Inloggningen tar för lång tid varje morgon", "technical",
     "Inloggning med SITHS-kort tar flera minuter och upprepas efter utloggning mitt i arbetet.",
     "Inloggningstid är patienttid. Mät den före start och sätt ett gränsvärde som måste klaras.",
     ["Inloggning och behörighet"], ["Långsam inloggning", "SITHS-kort"], [], S.IDENTIFIED, True, []),
    ("Övertiden ökade på avdelningar som startade först", "work_environment",
     "Personal arbetade över för att hinna dokumentera i det nya systemet.",
     "Planera för **lägre produktion** de första veckorna; annars betalar personalen med övertid.",
     ["Övertid"], ["Övertid"], [], S.IDENTIFIED, True, []),
    ("Primärvården fick veta för sent vad som gällde", "communication",
     "Vårdcentraler hörde om pausen från media innan de fick information från regionen.",
     "Primärvården och privata vårdgivare behöver nås **samtidigt** som den egna organisationen, med samma budskap.",
     [], [], ["Skrivelse från en privat vårdgivare: beskedet om paus kom via lokaltidningen.",
              "Två verksamhetschefer i primärvården sa samma sak på dialogmötet i Borås."],
     S.IDENTIFIED, False, []),
    ("Utloggning mitt i arbetet stör patientmötet", "technical",
     "Systemet loggar ut efter kort inaktivitet, också mitt i ett samtal med patienten.",
     "",
     ["Inloggning och behörighet"], ["Utloggning mitt i arbetet"], [], S.OBSERVATION, False, []),
    ("Webbsvaren från en kategori pekar på schemat", "work_environment",
     "Svar från en och samma deltagarkategori i webbfrågan tar upp schemaläggningen.",
     "Schemat behöver ta höjd för införandet.",
     [], ["@single"], [], S.IDENTIFIED, False, []),
    ("Remisser kom bort mellan systemen", "patient_safety",
     "Några remisser syntes inte hos mottagaren.",
     "",
     [], ["Remisser och provsvar"], [], S.OBSERVATION, False,
     [("Kartlägg vilka remisstyper som berördes", None, "", None, A.PROPOSED)]),
    ("Styrgruppen fick inte signalerna i tid", "governance",
     "Larm från verksamheterna nådde styrgruppen först efter tre veckor.",
     "",
     [], [], ["Protokoll från styrgruppen visar att frågan togs upp första gången vecka 4."],
     S.OBSERVATION, False, []),
    ("Utbildningen var för lång", "training",
     "Några menade att utbildningen var för lång.",
     "",
     [], [], ["Enstaka kommentar från ett dialogmöte."], S.REJECTED, False, []),
    ("Superanvändare saknades på natten", "work_environment",
     "Nattpersonalen hade ingen superanvändare att fråga.",
     "",
     [], ["Superanvändare"], [], S.MERGED, False, []),
    ("Rutiner för reservrutiner var okända", "patient_safety",
     "Många visste inte var reservrutinerna fanns när systemet stod still.",
     "Reservrutiner ska övas före start, inte bara finnas.",
     [], [], ["Incidentrapporten från den 12 mars beskriver två timmars stillestånd utan känd reservrutin."],
     S.IDENTIFIED, False, []),
]  # fmt: skip


def _spread(code: Code, n: int) -> list[Coding]:
    """Confirmed passages of a code, a few per channel and category, as an analyst would choose."""
    seen: dict[tuple[str, Any], int] = {}
    out = []
    rows = (
        Coding.objects.confirmed()
        .filter(code=code, sample__isnull=True)
        .select_related("source")
        .order_by("source__channel", "source_id")
    )
    for coding in rows:
        key = (coding.source.channel, coding.source.category_id)
        if seen.get(key, 0) >= 1:
            continue
        seen[key] = seen.get(key, 0) + 1
        out.append(coding)
        if len(out) >= n:
            break
    return out


def _single_group(codes: dict[str, Code]) -> list[Coding]:
    """Web answers from one category only: the lesson that rests on a single group."""
    rows = Coding.objects.confirmed().filter(
        code__in=codes.values(), sample__isnull=True, source__channel="web",
        source__category__isnull=False,
    ).select_related("source")  # fmt: skip
    counts: dict[int, int] = {}
    for category_id in rows.exclude(source__category__name="Annan").values_list(
        "source__category_id", flat=True
    ):
        counts[category_id] = counts.get(category_id, 0) + 1
    if not counts:
        return []
    biggest = max(counts, key=lambda pk: counts[pk])
    return list(rows.filter(source__category_id=biggest).order_by("source_id")[:3])


def _walk(lesson: Lesson, to: str, actor: Any) -> None:
    """Walk the lesson along its life to the target state, as people would over weeks."""
    paths: dict[str, list[str]] = {
        S.OBSERVATION: [],
        S.IDENTIFIED: [S.IDENTIFIED],
        S.ACTION: [S.IDENTIFIED, S.ACTION],
        S.LEARNED: [S.IDENTIFIED, S.ACTION, S.LEARNED],
    }
    for step in paths[to]:
        lesson_move(lesson=lesson, to=step, actor=actor)


def load(ctx: dict[str, Any]) -> None:
    staff, users = ctx["staff"], ctx["users"]
    analyst, lead = users["redaktor"], users["stabschef"]
    codebook = ctx.get("codebook")
    codes = {c.name: c for c in Code.objects.filter(codebook=codebook)} if codebook else {}
    today = timezone.localdate()
    made: list[Lesson] = []
    for (title, area, observation, statement, cited, quoted, notes, state, published,
         actions) in LESSONS:  # fmt: skip
        lesson = lesson_create(
            staff=staff, actor=analyst, title=title, observation=observation,
            statement=statement, area=area,
        )  # fmt: skip
        for name in cited:
            if name in codes:
                evidence_add(lesson=lesson, actor=analyst, code=codes[name])
        for name in quoted:
            picked = _single_group(codes) if name == "@single" else (
                _spread(codes[name], 4) if name in codes else []
            )  # fmt: skip
            for coding in picked:
                evidence_add(lesson=lesson, actor=analyst, coding=coding)
        for note in notes:
            evidence_add(lesson=lesson, actor=analyst, note=note)
        if not lesson.evidence.exists():
            lesson.reason = "Stabens egen iakttagelse; underlaget registreras i nästa omgång."
            lesson.save(update_fields=["reason"])
        for text, owner, org, days, status in actions:
            action = action_add(
                lesson=lesson, actor=analyst, text=text,
                owner_user=users[owner] if owner else None, owner_org=org,
                due=today + timedelta(days=days) if days is not None else None,
            )  # fmt: skip
            steps = {
                A.PROPOSED: [], A.PLANNED: [A.PLANNED], A.DONE: [A.PLANNED, A.DONE],
                A.VERIFIED: [A.PLANNED, A.DONE, A.VERIFIED],
            }[status]  # fmt: skip
            for step in steps:
                action_set_status(
                    action=action, status=step, actor=lead if step == A.VERIFIED else analyst,
                    note="Kontrollerat vid uppföljningsmöte: fungerar." if step == A.VERIFIED else "",
                )  # fmt: skip
        if state in (S.OBSERVATION, S.IDENTIFIED, S.ACTION, S.LEARNED):
            _walk(lesson, state, lead if state == S.LEARNED else analyst)
        elif state == S.REJECTED:
            lesson_move(
                lesson=lesson, to=S.REJECTED, actor=lead,
                note="En enstaka kommentar; övriga svar säger att utbildningen var för kort.",
            )  # fmt: skip
        elif state == S.MERGED:
            target = next(m for m in made if m.title.startswith("Superanvändarna"))
            lesson_move(
                lesson=lesson, to=S.MERGED, actor=analyst, into=target,
                note="Samma lärdom som L-2: superanvändare utan tid, också nattetid.",
            )  # fmt: skip
        if published:
            lesson_publish(lesson=lesson, actor=lead)
        made.append(lesson)
    ctx.update(lessons=made)
