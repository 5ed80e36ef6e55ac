"""Small generated Swedish feedback corpus with four planted themes."""

from __future__ import annotations

_THEMES = {
    "inloggning": [
        "Inloggningen tar alldeles för lång tid varje morgon",
        "Lösenordet slutar fungera och inloggningen spärrar kontot",
        "Det krånglar med inloggningen och lösenordet hela tiden",
        "Vi blir utloggade mitt i arbetet och inloggningen måste göras om",
        "Flera inloggningsförsök misslyckas innan inloggningen går igenom",
        "Lösenordsbytet varje månad gör att inloggningen strular",
    ],
    "läkemedel": [
        "Läkemedelslistan visar fel dosering för läkemedel",
        "Läkemedel försvinner från läkemedelslistan vid flytt",
        "Ordinationer av läkemedel syns inte i läkemedelslistan",
        "Det är osäkert vilka läkemedel som står i läkemedelslistan",
        "Läkemedelslistan uppdateras inte efter utskrivning",
        "Dosering av läkemedel stämmer inte mellan avdelningarna",
    ],
    "utbildning": [
        "Utbildningen före starten var för kort och för teoretisk",
        "Vi fick ingen utbildning i de nya arbetssätten",
        "Utbildningen hölls på tider då vi arbetade",
        "Mer praktisk utbildning hade hjälpt personalen",
        "Utbildningsmaterialet var svårt att hitta och utbildningen svår att förstå",
        "Superanvändarna hann inte ge utbildning till alla kollegor",
    ],
    "arbetsmiljö": [
        "Stressen på avdelningen har ökat och många är sjukskrivna",
        "Arbetsmiljön har blivit sämre med övertid och stress",
        "Personalen är utmattad av stress och orkar inte fler kvällspass",
        "Sjukskrivningarna ökar på grund av stress och hög arbetsbelastning",
        "Övertiden har blivit norm och stressen märks i arbetsmiljön",
        "Kollegor slutar för att stressen och arbetsbelastningen är för hög",
    ],
}
_OPENERS = ["", "Ärligt talat: ", "Jag upplever att ", "På vår enhet: "]
_CLOSERS = [
    "",
    " Det måste bli bättre.",
    " Detta påverkar patienterna.",
    " Tack för att ni frågar.",
]


def planted(per_theme: int = 12) -> tuple[list[str], list[str]]:
    """Texts and their true theme names, interleaved so order carries no signal."""
    rows: dict[str, list[str]] = {}
    for name, sentences in _THEMES.items():
        picked = []
        for i in range(per_theme):
            sentence = sentences[i % len(sentences)]
            # Step through openers and closers at different rates so variants differ.
            opener = _OPENERS[(i * 3) % len(_OPENERS)]
            closer = _CLOSERS[(i * 5 + len(name)) % len(_CLOSERS)]
            text = sentence if not opener else opener + sentence[0].lower() + sentence[1:]
            picked.append(text + "." + closer)
        rows[name] = picked
    texts, labels = [], []
    for i in range(per_theme):
        for name in _THEMES:
            texts.append(rows[name][i])
            labels.append(name)
    return texts, labels


# Seven broad subjects, each made of three narrower topics that share the subject's words: the
# shape of a web question people use to say many different things (issue #10).
_BROAD = {
    "skola": (
        ["skolan", "eleverna", "lärarna", "undervisningen"],
        [
            ["läxor", "prov", "betyg"],
            ["skolmaten", "lunchen", "matsalen"],
            ["mobbning", "rasten", "kränkningar"],
        ],
    ),
    "vård": (
        ["vårdcentralen", "patienterna", "läkaren", "sjuksköterskan"],
        [
            ["väntetiden", "telefonkön", "tidsbokning"],
            ["recept", "apoteket", "medicinen"],
            ["akuten", "ambulansen", "olyckan"],
        ],
    ),
    "trafik": (
        ["bussen", "trafiken", "resenärerna", "hållplatsen"],
        [
            ["förseningar", "tidtabellen", "inställda"],
            ["biljetten", "appen", "priset"],
            ["cykelbanan", "vägarbetet", "korsningen"],
        ],
    ),
    "bostad": (
        ["lägenheten", "hyresvärden", "bostaden", "hyran"],
        [
            ["hyreshöjningen", "kontraktet", "avgiften"],
            ["fukt", "mögel", "ventilationen"],
            ["grannarna", "störningar", "trapphuset"],
        ],
    ),
    "kris": (
        ["stormen", "strömavbrottet", "krisberedskapen", "informationen"],
        [
            ["elen", "nätet", "reservkraft"],
            ["vattnet", "dricksvattnet", "kokning"],
            ["evakueringen", "räddningstjänsten", "larmet"],
        ],
    ),
    "ekonomi": (
        ["kommunen", "budgeten", "skatten", "pengarna"],
        [
            ["besparingar", "nedskärningar", "underskott"],
            ["bidragen", "ansökan", "handläggningen"],
            ["upphandlingen", "leverantören", "avtalet"],
        ],
    ),
    "kultur": (
        ["biblioteket", "kulturen", "föreningarna", "evenemangen"],
        [
            ["böckerna", "öppettiderna", "lånekortet"],
            ["konserten", "teatern", "festivalen"],
            ["idrottshallen", "simhallen", "träningen"],
        ],
    ),
}
_BROAD_FRAMES = [
    "Jag tycker att {a} och {b} behöver bli bättre",
    "Det fungerar dåligt med {b} när det gäller {a}",
    "{A} har blivit sämre, särskilt {b}",
    "Vi är nöjda med {a} men inte med {b}",
    "Mer information om {b} och {a} vore bra",
    "Senast var {b} ett problem för {a}",
]


def broad(per_topic: int = 10, seed: int = 0) -> tuple[list[str], list[str]]:
    """Texts and their broad subject: 7 subjects × 3 topics × per_topic, shuffled by a fixed seed."""
    import random

    rng = random.Random(seed)
    rows = []
    for subject, (shared, topics) in _BROAD.items():
        for words in topics:
            for i in range(per_topic):
                a = rng.choice(shared)
                b = " och ".join(rng.sample(words, 2)) if i % 2 else rng.choice(words)
                frame = rng.choice(_BROAD_FRAMES)
                rows.append((frame.format(a=a, b=b, A=a.capitalize()) + ".", subject))
    rng.shuffle(rows)
    return [t for t, _ in rows], [s for _, s in rows]
