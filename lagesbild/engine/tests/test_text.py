"""Text preparation: compounds, stems back to word forms, English answers, passages."""

import numpy as np

from lagesbild.engine.representations import TfidfRepresentation
from lagesbild.engine.text import (
    normalise,
    prepare,
    split_passages,
    surface_forms,
    swedish_stopwords,
)


def test_it_normalises_unicode_case_and_whitespace():
    # "La\u0308kemedel" is how some Mac exports spell "Läkemedel"; the soft hyphen is invisible in Word.
    assert normalise("  La\u0308keme\u00addel  LISTAN\n") == "läkemedel listan"


def test_it_drops_stopwords_and_survey_filler():
    prepared = prepare("Jag tycker typ att inloggningen är ganska krånglig, osv.")
    assert prepared.words == ("inloggningen", "krånglig")


def test_it_keeps_domain_words_that_the_generic_list_calls_stopwords():
    assert "beslut" not in swedish_stopwords()
    assert prepare("Beslut om paus").words == ("beslut", "paus")


def test_it_stems_inflected_forms_to_one_stem():
    stems = {prepare(w).stems[0] for w in ("utbildningen", "utbildningar", "utbildning")}
    assert len(stems) == 1


def test_it_maps_a_stem_back_to_the_most_used_real_word_form():
    texts = ["Utbildningen var kort", "utbildningen var bra", "Fler utbildningar behövs"]
    prepared = [prepare(t) for t in texts]
    forms = surface_forms(prepared)
    stem = prepared[0].stems[0]
    assert stem != "utbildningen"  # it really is a stem
    assert forms.word_for(stem) == "utbildningen"
    assert forms.word_for(stem) in " ".join(texts).lower().split()


def test_it_lets_compounds_meet_their_parts_through_character_ngrams():
    texts = [
        "Inloggningsförsök misslyckas hela tiden",
        "Inloggningen är långsam",
        "Läkemedelslistan visar fel",
        "Fel läkemedel i listan",
        "Maten i personalmatsalen är god",
        "Parkeringen vid sjukhuset är full",
    ]
    rep = TfidfRepresentation(n_components=5)
    rep.fit_transform(texts, [prepare(t) for t in texts])
    x = rep.sparse([prepare(t) for t in texts]).toarray()
    compound_to_part = float(x[0] @ x[1])
    compound_to_other = float(x[0] @ x[4])
    assert compound_to_part > 0.1
    assert compound_to_part > compound_to_other
    assert float(x[2] @ x[3]) > float(x[2] @ x[5])


def test_it_recognises_short_english_answers_and_leaves_them_unmangled():
    english = prepare("The training was far too short and the system is slow")
    swedish = prepare("Utbildningen var för kort och systemet är långsamt")
    assert english.language == "en"
    assert swedish.language == "sv"
    assert "training" in english.words and "the" not in english.words
    # The English stemmer, not the Swedish one, so "training" keeps its root intact.
    assert english.stems[english.words.index("training")] == "train"


def test_it_leaves_short_texts_whole_and_splits_long_ones_at_sentences():
    assert split_passages("Kort svar.") == ["Kort svar."]
    sentence = "Det här är en mening om inloggningen som återkommer ofta i intervjun."
    long_text = " ".join([sentence] * 40)
    passages = split_passages(long_text)
    assert len(passages) > 2
    assert all(p.endswith(".") for p in passages)
    assert all(len(p.split()) <= 130 for p in passages)
    assert " ".join(passages).split() == long_text.split()


def test_it_cuts_unpunctuated_transcripts_by_words():
    passages = split_passages(" ".join(["ord"] * 500))
    assert len(passages) >= 4
    assert sum(len(p.split()) for p in passages) == 500
    assert np.all([len(p.split()) <= 240 for p in passages])
