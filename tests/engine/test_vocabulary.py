"""Short labels tell documents apart, also two versions with the same title; status words
are defined once, in both languages, relative to named documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ALL_SEEDS
from tifa.engine.compare.model import FormulationStatus
from tifa.engine.compare.vocabulary import (
    TERMS,
    Status,
    letter,
    short_labels,
    status_word,
    term,
)
from tifa.engine.ingest import read_document


def test_versions_with_the_same_title_get_their_file_stem(tmp_path: Path) -> None:
    first = tmp_path / "beijing_draft.txt"
    second = tmp_path / "beijing_final.txt"
    shutil.copy(ALL_SEEDS[0], first)
    shutil.copy(ALL_SEEDS[0], second)
    documents = [read_document(first), read_document(second), read_document(ALL_SEEDS[3])]
    assert documents[0].title == documents[1].title != ""
    labels = short_labels(documents)
    assert labels == ("A beijing_draft", "B beijing_final", "C")
    assert len(set(labels)) == 3


def test_distinct_titles_get_letters_only() -> None:
    documents = [read_document(p) for p in ALL_SEEDS[:3]]
    assert short_labels(documents) == ("A", "B", "C")


def test_letters_beyond_26_are_numbers_that_sort() -> None:
    assert letter(0, 3) == "A" and letter(25, 26) == "Z"
    assert [letter(i, 45) for i in (0, 9, 44)] == ["01", "10", "45"]


def test_every_formulation_status_has_one_term_in_both_languages() -> None:
    for status in FormulationStatus:
        t = term(status)
        assert t.en and t.zh and t.en != t.zh
    assert status_word(FormulationStatus.DROPPED, "zh_CN") == "删去"
    assert status_word(Status.ONLY_IN, "en", x="A") == "only in A"
    assert TERMS[Status.NEW].meaning(a="A", b="B") == "new in B relative to A: B has it, A not"
    assert "相对" in TERMS[Status.DROPPED].meaning("zh_CN", a="A", b="B")
