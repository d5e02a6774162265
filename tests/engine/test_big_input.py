"""Oversized input (issue 9, item 7): memory that follows the size of the input, a bound on the
number of paragraphs, compact offset maps. No clocks: memory is measured with tracemalloc."""

from __future__ import annotations

import importlib
import tracemalloc
from pathlib import Path

import pytest

from conftest import BEIJING_2017, CHENGDU_2022
from tifa.engine.compare import compare
from tifa.engine.compare.model import SpanRef
from tifa.engine.compare.sentences import Sentence, echo_scores
from tifa.engine.ingest import read_document
from tifa.engine.model import OffsetMap, offset_map
from tifa.engine.normalize import normalize_paragraph

assemble = importlib.import_module("tifa.engine.ingest.assemble")  # the module, not the function


def _han(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in "，。、；：")


def test_offset_maps_are_ranges_or_packed_and_map_the_same() -> None:
    text = "　　為統籌推進 COVID 19（xīn guān）疫情防控，"
    _, starts, ends = normalize_paragraph(text)
    assert isinstance(starts, OffsetMap) and isinstance(ends, OffsetMap)
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)][:5] == list("為統籌推進")
    plain = "统筹推进疫情防控"
    _, starts, ends = normalize_paragraph(plain)
    assert starts == range(len(plain)) and ends == range(1, len(plain) + 1)
    assert offset_map([0, 1, 2], 0) == range(3)
    packed = offset_map([0, 2, 3], 0)
    assert isinstance(packed, OffsetMap) and list(packed) == [0, 2, 3]
    assert hash(packed) == hash(OffsetMap([0, 2, 3]))


@pytest.mark.slow
def test_a_200k_line_file_is_read_in_memory_proportional_to_it(tmp_path: Path) -> None:
    han = _han(BEIJING_2017.read_text(encoding="utf-8") + CHENGDU_2022.read_text(
        encoding="utf-8"))
    lines = [han[(i * 2) % (len(han) - 2):][:2] for i in range(200_000)]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = path.stat().st_size  # 1.4 MB
    read_document(path)  # word lists, OpenCC and patterns loaded outside the measurement
    tracemalloc.start()
    try:
        document = read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # a million such lines once peaked at ~70 bytes of Python objects per input byte
    assert peak < 40 * size, f"reading {size:,} bytes peaked at {peak:,} bytes"
    assert len(document.paragraphs) <= assemble.MAX_PARAGRAPHS
    assert "paragraphs-merged" in {w.code for w in document.warnings}


def test_paragraphs_past_the_limit_are_merged_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = read_document(BEIJING_2017)
    assert "paragraphs-merged" not in {w.code for w in whole.warnings}
    monkeypatch.setattr(assemble, "MAX_PARAGRAPHS", 5)
    merged = read_document(BEIJING_2017)
    assert len(merged.paragraphs) <= 5
    warning = next(w for w in merged.warnings if w.code == "paragraphs-merged")
    assert "5" in warning.message and "read as one" in warning.message
    # nothing lost (merged before boilerplate lines are recognised: those stay in)
    joined = "".join(p.normalized for p in merged.paragraphs)
    assert all(p.normalized in joined for p in whole.paragraphs)
    assert merged.paragraphs[0].text.count("\n") >= 1  # the lines kept as line ends
    # the merged document still compares
    result = compare([merged, read_document(CHENGDU_2022)])
    assert result.pairs[0].shared


def test_echo_scores_do_not_depend_on_which_side_is_larger() -> None:
    sentences = [
        "全面贯彻落实外防输入内防反弹的总策略",
        "推动城市副中心建设取得新突破",
        "坚持外防输入内防反弹不动摇",
        "城市副中心建设要取得新突破新成效",
        "会议强调要认真学习",
    ]
    units = [Sentence(span=SpanRef(i, 0, 1), key=s) for i, s in enumerate(sentences)]
    few, many = units[:2], units[2:]
    forward = echo_scores(few, many)
    backward = echo_scores(many, few)
    assert forward  # the two echoes are found
    assert forward == {(a, b): v for (b, a), v in backward.items()}

