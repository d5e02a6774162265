"""The tester's second round of corpus findings (tester-CLOSING "Open"), each with its test on
real text: glosses in snippets and echo passages, one text stored from two encodings, undated
documents in timelines, the chart's periods, WAL files left by reads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import build_store

from tifa.engine.corpus import CorpusStore

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
READOUTS = ROOT / "tests" / "real" / "readouts"
GLOSS = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "c.sqlite"
    build_store(db, sorted(SEEDS.glob("0*.txt")), workers=1)
    return db


def test_search_snippets_are_shown_without_pinyin_glosses(seed_store: Path) -> None:
    seed = str((SEEDS / "002_e06962ff7f16f22d.txt").resolve())
    assert GLOSS.search((SEEDS / "002_e06962ff7f16f22d.txt").read_text("utf-8"))
    with CorpusStore(seed_store, readonly=True) as store:
        for query in ("疫情", "统筹推进", "经济", "发"):  # trigram index, characters
            hits = [h for h in store.search(query) if h.path == seed]
            assert hits, query
            assert not GLOSS.search(hits[0].snippet), hits[0].snippet
            limited = [h for h in store.search(query, limit=100) if h.path == seed]
            assert limited[0].snippet == hits[0].snippet
        (hit,) = [h for h in store.search("百年来全球发生的最严重") if h.path == seed]
        assert "【百年來全球發生的最嚴重】" in hit.snippet, hit.snippet
        assert not GLOSS.search(store.snippet(hit.id, 0, 4))


def test_echo_passages_are_shown_without_pinyin_glosses(seed_store: Path) -> None:
    from tifa.engine.corpus.echoes import find_echoes

    with CorpusStore(seed_store, readonly=True) as store:
        result = find_echoes(store, SEEDS / "000_9199964eb3750e0c.txt")
    passages = [p for e in result.echoes for p in e.passages]
    assert passages
    assert not [p for p in passages if GLOSS.search(p)]


def test_one_text_stored_from_several_encodings_is_one_search_hit(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    text = (READOUTS / "sd-people-20200321-excerpt.txt").read_text("utf-8")
    (folder / "sd-utf8.txt").write_text(text, "utf-8")
    (folder / "sd-utf16.txt").write_bytes(text.encode("utf-16"))
    (folder / "sd-big5.txt").write_bytes(text.encode("big5"))
    shutil.copy(READOUTS / "gdstc-20200321-excerpt.txt", folder)
    db = tmp_path / "c.sqlite"
    summary = build_store(db, [folder], workers=1)
    assert summary.added == 4
    phrase = "统筹推进疫情防控和经济社会发展"
    with CorpusStore(db, readonly=True) as store:
        assert len(store.documents()) == 4  # three encodings are three files, kept
        hits = store.search(phrase)
        limited = store.search(phrase, limit=2)
    assert len(hits) == 2, [(h.id, h.path) for h in hits]
    (sd,) = [h for h in hits if h.copies]
    assert len(sd.copies) == 2
    assert {Path(p).name for p in (sd.path, *(p for _, p in sd.copies))} == {
        "sd-utf8.txt", "sd-utf16.txt", "sd-big5.txt"}
    assert [(h.id, h.copies) for h in limited] == [(h.id, h.copies) for h in hits]
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT / "desktop")}
    done = subprocess.run([sys.executable, "-m", "tifa", "corpus", "search", "--db", str(db),
                           phrase, "--json", "-"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["hits"]
    assert len(rows) == 2
    assert {"id", "path", "title", "date", "source", "snippet"} <= set(rows[0])
    assert sorted(len(r["copies"]) for r in rows) == [0, 2]
    shown = subprocess.run([sys.executable, "-m", "tifa", "corpus", "search", "--db", str(db),
                            phrase], capture_output=True, text=True, env=env, timeout=300)
    assert "(+2 copies)" in shown.stdout and shown.stderr.strip() == "2 documents"


def undated_copy(folder: Path) -> Path:
    """The gdstc readout with every line that gives a date left out: an undated document."""
    text = (READOUTS / "gdstc-20200321-excerpt.txt").read_text("utf-8")
    path = folder / "undated.txt"
    path.write_text(re.sub(r"^.*(20\d\d|\d+月\d+日).*\n", "", text, flags=re.M), "utf-8")
    return path


@pytest.fixture(scope="module")
def readout_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readouts")
    db = folder / "c.sqlite"
    build_store(db, [*sorted(READOUTS.glob("*.txt")), undated_copy(folder)], workers=1)
    return db


PHRASE = "统筹推进疫情防控和经济社会发展"


def test_timelines_say_how_many_undated_documents_they_left_out(readout_store: Path) -> None:
    import os
    import subprocess
    import sys

    from tifa.engine.corpus.report import timeline_json
    from tifa.engine.corpus.timeline import phrase_timelines

    with CorpusStore(readout_store, readonly=True) as store:
        hits = store.search(PHRASE)
        dates = {h.path: h.date for h in hits}
        (timeline,) = phrase_timelines(store, [PHRASE], by="year")
        (other,) = phrase_timelines(store, ["两手抓"], by="year")
    undated = [p for p, d in dates.items() if d is None]
    # the chinawriter readout does not say its date either (its page gives none)
    assert sorted(Path(p).name for p in undated) == [
        "chinawriter-20200330-excerpt.txt", "undated.txt"]
    assert timeline.documents == len(hits) - 2 and timeline.undated == 2
    assert (other.documents, other.undated) == (2, 1)  # gdstc and its undated copy
    (row,) = timeline_json([timeline])["phrases"]
    assert row["undated"] == 2 and row["documents"] == timeline.documents
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    done = subprocess.run([sys.executable, "-m", "tifa", "corpus", "timeline", "--db",
                           str(readout_store), PHRASE, "--by", "year"], capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{timeline.documents} documents (and 2 undated)," in done.stdout, done.stdout


def test_every_chart_series_is_seen_over_the_same_periods(tmp_path: Path) -> None:
    from tifa.engine.corpus.report import chart
    from tifa.engine.corpus.timeline import phrase_timelines

    db = tmp_path / "c.sqlite"
    build_store(db, [*sorted(READOUTS.glob("*.txt")), *sorted(SEEDS.glob("0*.txt"))],
                workers=1)
    with CorpusStore(db, readonly=True) as store:
        timelines = phrase_timelines(store, ["两手抓", PHRASE, "稳中求进"], by="year")
    assert {t.first[:4] for t in timelines if t.first} != {t.last[:4] for t in timelines
                                                          if t.last}
    model = chart(timelines, "year")
    first = min(str(t.first) for t in timelines)[:4]
    last = max(str(t.last) for t in timelines)[:4]
    assert (model.periods[0], model.periods[-1]) == (first, last)
    for line in model.lines:  # every series over the union of the phrases' periods
        assert [x for x, _, _ in line.points] == [x for x, _, _ in model.lines[0].points]
        assert len(line.points) == len(model.periods)
    # 两手抓 (2020 only) and the others share years of zeros: drawn one over the other, the
    # last series hid the others there; no line is hidden under another in any period
    for i in range(len(model.periods)):
        ys = [line.points[i][1] for line in model.lines]
        assert len(set(ys)) == len(ys), (model.periods[i], ys)
        for value in {line.points[i][2] for line in model.lines}:  # side by side, close
            same = [line.points[i][1] for line in model.lines if line.points[i][2] == value]
            assert max(same) - min(same) <= 5.0


def test_reading_a_store_leaves_no_wal_or_shm_files(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "c.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}

    def tifa(*args: str) -> None:
        done = subprocess.run([sys.executable, "-m", "tifa", "corpus", *args, "--db", str(db)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, (args, done.stderr)
        assert sorted(p.name for p in folder.iterdir()) == ["c.sqlite"], args

    tifa("add", "--quiet", str(READOUTS))
    for command in (("search", "两手抓"), ("search", "疫"), ("timeline", "两手抓"), ("info",),
                    ("list",), ("new", "--since", "2020-01-01"), ("echoes", "1")):
        tifa(*command)
    tifa("add", "--quiet", str(SEEDS))  # a second add, then reads again
    tifa("search", PHRASE)
    with CorpusStore(db, readonly=True) as store:
        assert store.search(PHRASE)
    assert sorted(p.name for p in folder.iterdir()) == ["c.sqlite"]


def test_the_quick_gloss_check_misses_no_paragraph_display_text_shortens() -> None:
    from tifa.engine.export.display import display_text, may_leave_out
    from tifa.engine.ingest import read_document

    files = [*SEEDS.glob("0*.txt"), *READOUTS.glob("*.txt"),
             *(ROOT / "tests" / "real").glob("*_copied_*.txt")]
    shortened = 0
    for path in files:
        for paragraph in read_document(path).paragraphs:
            if display_text(paragraph).position is not None:
                shortened += 1
                assert may_leave_out(paragraph.text), (path.name, paragraph.text[:40])
    assert shortened  # seed 002's glosses
