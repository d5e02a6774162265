"""Formulations (提法) on the sample reports: lexicon, discovery, counting, variants, status.

Expectations come from reading the seeds: 000 (Beijing, 2022-07) and 003 (Chengdu, 2022-07)
echo the same central line; 004 (Beijing, 2017) and 000 show wording moving over five years.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.formulations import (
    discover_formulations,
    find_formulations,
    formulation_marks,
    formulation_status,
    formulation_statuses,
    status_table,
)
from tifa.engine.compare.lexicon import (
    TRANSPARENT,
    Lexicon,
    load_lexicon,
    phrase_key,
    read_lexicon_file,
)
from tifa.engine.compare.model import Formulation, FormulationStatus
from tifa.engine.compare.tokenize import get_tokenizer
from tifa.engine.errors import InputError
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.model import Document

S = FormulationStatus
BJ17, BJ22, CD22 = 0, 1, 2  # indices in DOCS
NO_LEXICON = Lexicon(())


@pytest.fixture(scope="module")
def docs() -> tuple[Document, ...]:
    return tuple(read_document(p) for p in (BEIJING_2017, BEIJING_2022, CHENGDU_2022))


@pytest.fixture(scope="module")
def found(docs: tuple[Document, ...]) -> dict[str, Formulation]:
    return {f.phrase: f for f in find_formulations(docs)}


@pytest.fixture(scope="module")
def discovered(docs: tuple[Document, ...]) -> dict[str, Formulation]:
    """What the documents alone reveal, without any lexicon."""
    return {f.phrase: f for f in find_formulations(docs, lexicon=NO_LEXICON)}


def text(document: str, path: str = "<text>") -> Document:
    return document_from_string(document, path=Path(path), title="test")


# --- 004 (2017) against 000 (2022) -----------------------------------------------------------


def test_two_upholds_is_new_in_2022_and_four_consciousnesses_shared(
    found: dict[str, Formulation],
) -> None:
    assert found["两个维护"].counts[BJ17] == 0 < found["两个维护"].counts[BJ22]
    assert formulation_status(found["两个维护"], BJ17, BJ22) is S.NEW
    assert formulation_status(found["两个维护"], BJ22, BJ17) is S.DROPPED
    # 004 writes “四个意识” twice (不能停留在表态上 / 不强的表现), 000 once.
    assert found["四个意识"].counts[BJ17] == 2
    assert found["四个意识"].counts[BJ22] == 1
    assert formulation_status(found["四个意识"], BJ17, BJ22) is S.SHARED


def test_the_district_secretaries_formula_changed_one_character(
    found: dict[str, Formulation],
) -> None:
    old = found["把方向、谋大事、抓党建、保平安"]
    new = found["把方向、干大事、抓党建、保平安"]
    assert old.counts[BJ17] >= 1 and old.counts[BJ22] == 0
    assert new.counts[BJ22] == 1 and new.counts[BJ17] == 0
    assert new.phrase in old.variants and old.phrase in new.variants
    assert formulation_status(old, BJ17, BJ22) is S.VARIANT
    assert formulation_status(new, BJ17, BJ22) is S.VARIANT
    assert old.first_year == 2017


def test_distinct_numbered_terms_are_not_variants(found: dict[str, Formulation]) -> None:
    """四个意识 / 四个自信 differ by two characters of four: different terms, never variants."""
    assert found["四个自信"].counts[BJ22] == 1
    assert "四个自信" not in found["四个意识"].variants
    assert "六保" not in found.get("六稳", found["四个意识"]).variants


# --- 000 against 003: the same central line in two cities ------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["疫情要防住、经济要稳住、发展要安全", "动态清零", "外防输入、内防反弹", "高质量发展"],
)
def test_central_line_is_shared_by_beijing_and_chengdu(
    found: dict[str, Formulation], phrase: str
) -> None:
    assert formulation_status(found[phrase], BJ22, CD22) is S.SHARED


def test_local_vocabularies_stay_local(found: dict[str, Formulation]) -> None:
    # 000: “五子”联动 (quotes inside the term still match 五子联动); 003: “三城三都”.
    assert formulation_status(found["五子联动"], BJ22, CD22) is S.DROPPED
    assert formulation_status(found["三城三都"], BJ22, CD22) is S.NEW
    assert formulation_status(found["讲政治、抓发展、惠民生、保安全"], BJ22, CD22) is S.NEW
    assert formulation_status(found["两区"], BJ22, CD22) is S.DROPPED
    assert formulation_status(found["三个做优做强"], BJ22, CD22) is S.NEW


def test_known_formulation_counts_quoted_or_not(
    docs: tuple[Document, ...], found: dict[str, Formulation]
) -> None:
    """动态清零 is quoted in Chengdu's report and written plainly in Beijing's."""

    def before(document: int) -> list[str]:
        paragraphs = docs[document].paragraphs
        return [
            paragraphs[o.paragraph].normalized[o.start - 1]
            for o in found["动态清零"].occurrences
            if o.document == document
        ]

    assert before(CD22) == ["“"]  # 坚持“外防输入、内防反弹”总策略和“动态清零”总方针
    assert len(before(BJ22)) == 2 and "“" not in before(BJ22)


# --- discovery without the lexicon -------------------------------------------------------


def test_discovery_finds_quoted_numbered_and_parallel_terms(
    discovered: dict[str, Formulation],
) -> None:
    expected = {
        "疫情要防住、经济要稳住、发展要安全": "parallel",
        "讲政治、抓发展、惠民生、保安全": "parallel",
        "四个意识": "numbered",
        "两个维护": "numbered",
        "三城三都": "numbered",
        "五个走在前列": "numbered",
        "一核一城三带两区": "numbered",
        "动态清零": "quoted",
        "国之大者": "quoted",
    }
    for phrase, category in expected.items():
        assert discovered[phrase].category == category, phrase
        assert discovered[phrase].origin == "discovered"


def test_discovered_term_is_counted_where_it_is_not_quoted(
    discovered: dict[str, Formulation],
) -> None:
    # Quoted only in 003, yet found twice in 000's plain text.
    assert discovered["动态清零"].counts[BJ22] == 2
    assert discovered["动态清零"].counts[CD22] == 1


def test_unquoted_parallel_formulas_are_discovered(discovered: dict[str, Formulation]) -> None:
    # 003: 推动形成更多夯基础、补短板、扬优势的战略性思考、突破性进展、标志性成果
    assert discovered["夯基础、补短板、扬优势"].counts[CD22] == 1
    assert discovered["战略性思考、突破性进展、标志性成果"].counts[CD22] == 1
    # 000: 知责于心、担责于身、履责于行 (shared 责于 in every clause)
    assert discovered["知责于心、担责于身、履责于行"].counts[BJ22] == 1


def test_lists_of_names_and_titles_are_not_parallel_formulas(
    discovered: dict[str, Formulation],
) -> None:
    # 004 ends with a list of leaders' names, 000 with a list of titles.
    assert not any("张硕辅" in p or "副市长、" in p for p in discovered)


def test_book_titles_and_long_quotations_are_not_formulations() -> None:
    document = text(
        "要深入学习“《习近平谈治国理政》第四卷”，牢记“人民对美好生活的向往就是我们的奋斗目标，"
        "我们要坚持以人民为中心的发展思想”，落实“双减”。"
    )
    phrases = {p for p, _ in discover_formulations([document])}
    assert phrases == {"双减"}


def test_parallel_formula_matches_with_or_without_commas() -> None:
    """004's headline writes 把方向谋大事抓党建保平安 without 、."""
    documents = [
        text("蔡奇:把方向谋大事抓党建保平安。"),
        text("围绕“把方向、谋大事、抓党建、保平安”"),
    ]
    found = {f.phrase: f for f in find_formulations(documents)}
    assert found["把方向、谋大事、抓党建、保平安"].counts == (1, 1)


def test_similar_discovered_formulas_are_variants_but_distinct_counts_are_not() -> None:
    documents = [
        text("坚持“外防输入、内防扩散”，增强“四个意识”。"),
        text("坚持“外防输入、内防反弹”，坚定“四个自信”。"),
    ]
    found = {f.phrase: f for f in find_formulations(documents, lexicon=NO_LEXICON)}
    assert found["外防输入、内防扩散"].variants == ("外防输入、内防反弹",)
    assert formulation_status(found["外防输入、内防扩散"], 0, 1) is S.VARIANT
    assert found["四个意识"].variants == ()
    assert formulation_status(found["四个意识"], 0, 1) is S.DROPPED


def test_everyday_words_in_quotes_count_only_where_quoted() -> None:
    documents = [text("要“抓好”这项工作。"), text("抓好下半年工作，抓好民生。")]
    found = {f.phrase: f for f in find_formulations(documents, lexicon=NO_LEXICON)}
    assert found["抓好"].counts == (1, 0)


def test_unquoted_numbered_guess_needs_a_second_sighting() -> None:
    once = [text("投资、消费、生产三个环节齐发力。")]
    twice = [*once, text("抓住三个环节。")]
    assert "三个环节" not in {f.phrase for f in find_formulations(once, lexicon=NO_LEXICON)}
    assert {f.phrase: f for f in find_formulations(twice, lexicon=NO_LEXICON)}[
        "三个环节"
    ].counts == (1, 1)


# --- occurrences ---------------------------------------------------------------------------


def test_occurrences_lie_on_the_normalised_text(
    docs: tuple[Document, ...], found: dict[str, Formulation]
) -> None:
    lexicon = load_lexicon()
    for formulation in found.values():
        keys = {phrase_key(formulation.phrase)}
        entry = lexicon.get(formulation.phrase)
        if entry is not None:
            keys |= {phrase_key(a) for a in entry.aliases}
        assert sum(formulation.counts) == len(formulation.occurrences)
        for o in formulation.occurrences:
            span = docs[o.document].paragraphs[o.paragraph].normalized[o.start : o.end]
            assert "".join(ch for ch in span if ch not in TRANSPARENT) in keys


def test_crossing_matches_keep_the_longest_but_lexicon_terms_nest() -> None:
    document = text("推动实现高质量发展、高品质生活、高效能治理。")
    found = {f.phrase: f for f in find_formulations([document])}
    formula = found["高质量发展、高品质生活、高效能治理"]
    assert formula.category == "parallel" and formula.counts == (1,)
    assert found["高质量发展"].counts == (1,)  # a lexicon term inside still counts
    marks = formulation_marks(found.values(), 0, 1)[0]
    assert marks == ((4, 9, "高质量发展"), (4, 21, "高质量发展、高品质生活、高效能治理"))


def test_status_table_and_pair_statuses(found: dict[str, Formulation]) -> None:
    formulations = list(found.values())
    table = status_table(formulations, reference=BJ22)
    assert len(table) == len(formulations) and all(len(row) == 3 for row in table)
    row = table[formulations.index(found["两个维护"])]
    assert row == (S.DROPPED, S.SHARED, S.DROPPED)
    statuses = dict((f.phrase, s) for f, s in formulation_statuses(formulations, BJ22, CD22))
    assert statuses["动态清零"] is S.SHARED
    assert "把方向、谋大事、抓党建、保平安" not in statuses  # absent from both


# --- the lexicon -----------------------------------------------------------------------------


def test_builtin_lexicon_is_curated() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 200
    for phrase in ["四个意识", "两个维护", "两个确立", "六稳", "六保", "三新一高", "共同富裕"]:
        entry = lexicon.get(phrase)
        assert entry is not None and entry.gloss and entry.category, phrase
    assert lexicon.get("两个维护").first_year == 2018  # type: ignore[union-attr]
    assert lexicon.get("“两个维护”") is lexicon.get("两个维护")  # quotes do not matter
    keys = [e.key for e in lexicon]
    assert len(keys) == len(set(keys)), "duplicate phrases in the lexicon"


def test_user_lexicon_files_extend_and_override(tmp_path: Path, docs: tuple[Document, ...]) -> None:
    tsv = tmp_path / "mine.tsv"
    tsv.write_text(
        "phrase\tcategory\tfirst_year\tgloss\taliases\n"
        "智慧蓉城\t成都/四川\t2021\t成都城市治理数字化\t\n"
        "四个意识\t我的分类\t2016\t我的释义\t\n",
        encoding="utf-8",
    )
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text(
        "- phrase: 幸福美好生活十大工程\n  category: 成都/四川\n  gloss: 成都民生工程\n"
        "- phrase: 治蜀興川\n  category: 成都/四川\n  aliases: [治蜀兴川大局]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(tsv, yaml_file)
    assert len(lexicon) == len(load_lexicon()) + 3
    assert lexicon.get("四个意识").category == "我的分类"  # type: ignore[union-attr]
    assert lexicon.get("治蜀兴川") is not None  # traditional input is simplified
    found = {f.phrase: f for f in find_formulations(docs, lexicon=lexicon)}
    assert found["智慧蓉城"].counts[CD22] == 1 and found["智慧蓉城"].gloss
    assert found["幸福美好生活十大工程"].counts[CD22] == 1
    assert "智慧蓉城" in get_tokenizer(lexicon).words("以智慧蓉城建设为牵引")


def test_bad_lexicon_files_raise_input_error(tmp_path: Path) -> None:
    bad_year = tmp_path / "bad.tsv"
    bad_year.write_text("phrase\tcategory\tfirst_year\n四个意识\t政治\t去年\n", encoding="utf-8")
    with pytest.raises(InputError, match="first_year"):
        read_lexicon_file(bad_year)
    with pytest.raises(InputError):
        read_lexicon_file(tmp_path / "missing.tsv")
    not_a_list = tmp_path / "bad.yaml"
    not_a_list.write_text("phrase: 四个意识\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_lexicon_file(not_a_list)


# --- property: documents made of seed sentences ----------------------------------------------


def _seed_sentences() -> list[str]:
    from tifa.engine.normalize import split_sentences

    pool = []
    for path in (BEIJING_2017, BEIJING_2022, CHENGDU_2022):
        for paragraph in read_document(path).paragraphs:
            text = paragraph.normalized
            pool.extend(text[s:e] for s, e in split_sentences(text))
    return [s for s in pool if s]


_SENTENCES = _seed_sentences()


@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5), min_size=1, max_size=3)
)
def test_counts_and_spans_agree_on_any_mix_of_seed_sentences(
    documents_sentences: list[list[str]],
) -> None:
    documents = [
        text("\n".join(sentences), f"d{i}") for i, sentences in enumerate(documents_sentences)
    ]
    lexicon = load_lexicon()
    for formulation in find_formulations(documents):
        keys = {phrase_key(formulation.phrase)}
        entry = lexicon.get(formulation.phrase)
        if entry is not None:
            keys |= {phrase_key(a) for a in entry.aliases}
        counts = [0] * len(documents)
        for o in formulation.occurrences:
            counts[o.document] += 1
            span = documents[o.document].paragraphs[o.paragraph].normalized[o.start : o.end]
            assert phrase_key(span) in keys
        assert tuple(counts) == formulation.counts
        assert sum(c > 0 for c in formulation.counts) >= 1
