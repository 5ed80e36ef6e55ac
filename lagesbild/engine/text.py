"""Text preparation for Swedish feedback: normalisation, tokens, stopwords, stems, passages."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
import stopwordsiso

# Words survey answers and meeting notes are full of that say nothing about the theme.
SURVEY_FILLER = frozenset(
    """
    typ liksom osv etc mm bl bla t ex tex dvs pga ngn ngt nåt iaf iom mha resp
    tycker tycka tyckte tror trodde känns kändes känner upplever upplevde upplevs
    verkar sak saker grej grejer sätt väldigt jättebra ganska riktigt faktiskt ärligt talat
    egentligen absolut självklart ok okej nja nä japp svar svara svarar fråga frågan
    kommentar kommentarer övrigt annat ingenting inget vet vete alls även behöver behövs
    """.split()
)

# stopwordsiso lists these as stopwords, but in a coordination staff's material they carry meaning.
KEEP_AS_CONTENT = frozenset(
    "beslut beslutat beslutit dag dagar dagarna dagen del delen säker säkert".split()
)

# Function words distinctive enough to tell a short English answer from a Swedish one.
_ENGLISH_MARKERS = frozenset(
    """
    the and is are of to it that this with was were not have has you we they but would
    should what there their very my our been from which when because about these those
    does don't can't it's i'm please could
    """.split()
)
_SWEDISH_MARKERS = frozenset(
    """
    och att det är som en ett på inte jag med för har de vi till av om så men kan man
    den detta vara var blir får mycket också eller hur när vad
    """.split()
)

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+|\n\s*\n+|\n(?=\s*[-•*]\s)")
PASSAGE_WORDS = 120


@lru_cache(maxsize=1)
def swedish_stopwords() -> frozenset[str]:
    """Swedish stopwords: stopwordsiso's list plus survey filler, minus domain words."""
    base = set(stopwordsiso.stopwords("sv")) | SURVEY_FILLER
    return frozenset(base - KEEP_AS_CONTENT)


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    """English stopwords from stopwordsiso."""
    return frozenset(stopwordsiso.stopwords("en"))


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def normalise(text: str) -> str:
    """NFKC-normalise, lowercase and collapse whitespace."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u00ad", "")  # soft hyphens from Word exports split words invisibly
    return " ".join(text.lower().split())


def tokens(text: str) -> list[str]:
    """Word tokens of a normalised text (letters only, inner hyphens kept)."""
    return _TOKEN_RE.findall(text)


def detect_language(toks: list[str]) -> str:
    """Return "en" for an English answer, else "sv"."""
    en = sum(1 for t in toks if t in _ENGLISH_MARKERS)
    sv = sum(1 for t in toks if t in _SWEDISH_MARKERS)
    # Short answers carry few function words, so one clear English marker with no Swedish one is enough.
    return "en" if en > sv and (en >= 2 or (en == 1 and sv == 0 and len(toks) <= 6)) else "sv"


@dataclass(frozen=True)
class PreparedText:
    """One text after preparation: language, content tokens and their stems."""

    language: str
    words: tuple[str, ...]
    stems: tuple[str, ...]

    @property
    def content(self) -> str:
        """Content words joined by spaces, the input for character n-grams."""
        return " ".join(self.words)


def prepare(text: str) -> PreparedText:
    """Normalise, tokenise, drop stopwords and stem one text in its own language."""
    toks = tokens(normalise(text))
    language = detect_language(toks)
    stop = english_stopwords() if language == "en" else swedish_stopwords()
    words = tuple(t for t in toks if len(t) > 1 and t not in stop)
    stemmer = _stemmer("english" if language == "en" else "swedish")
    stems = tuple(stemmer.stemWords(list(words)))
    return PreparedText(language, words, stems)


@dataclass
class SurfaceForms:
    """Maps each stem back to the word form people actually wrote most often."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, prepared: PreparedText) -> None:
        """Count the word forms behind each stem of one prepared text."""
        for word, stem in zip(prepared.words, prepared.stems, strict=True):
            self.counts.setdefault(stem, Counter())[word] += 1

    def word_for(self, stem: str) -> str:
        """The most frequent surface form of a stem; ties go to the shortest, then alphabetical."""
        forms = self.counts.get(stem)
        if not forms:
            return stem
        return min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def surface_forms(prepared: list[PreparedText]) -> SurfaceForms:
    """Build the stem → word form map over a corpus."""
    forms = SurfaceForms()
    for p in prepared:
        forms.add(p)
    return forms


def split_passages(text: str, max_words: int = PASSAGE_WORDS) -> list[str]:
    """Split a long text into passages of about max_words words at sentence boundaries."""
    if len(text.split()) <= max_words:
        return [text]
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s and s.strip()]
    passages: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences:
        n = len(sentence.split())
        if current and count + n > max_words:
            passages.append(" ".join(current))
            current, count = [], 0
        if n > max_words * 2:
            # A run-on "sentence" (an unpunctuated transcript) is cut by words instead.
            words = sentence.split()
            for i in range(0, len(words), max_words):
                passages.append(" ".join(words[i : i + max_words]))
            continue
        current.append(sentence)
        count += n
    if current:
        # A short tail reads better attached to the passage before it than as its own fragment.
        if passages and count < max_words // 4:
            passages[-1] = passages[-1] + " " + " ".join(current)
        else:
            passages.append(" ".join(current))
    return passages
