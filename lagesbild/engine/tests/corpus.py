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
