"""A many-item transcript with one item mostly undecodable: that item is refused by name
(``file.md#3``), as a whole file would be, and the other items are read, compared and
stored as usual, under their own numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tifa.cli import main
from tifa.engine.corpus import CorpusStore, add_paths
from tifa.engine.corpus.add import AddEvent, AddSummary
from tifa.engine.errors import InputError
from tifa.engine.ingest import iter_read_documents, read_document, read_documents
from tifa.engine.ingest.items import item_path, split_items

TRANSCRIPT = Path(__file__).resolve().parents[1] / "real" / "28_xwlb_yuekcc_20220728.md"


def damaged_copy(folder: Path, *, keep_every: int) -> Path:
    """The real transcript with item 3's Chinese characters turned to U+FFFD, all but one
    in ``keep_every`` (0: all of them), as a bad conversion leaves them."""
    text = TRANSCRIPT.read_text("utf-8")
    body = split_items(text).items[2].body  # type: ignore[union-attr]
    seen = iter(range(len(body)))

    def spoil(m: re.Match[str]) -> str:
        return m.group(0) if keep_every and next(seen) % keep_every == 0 else "\ufffd"

    path = folder / TRANSCRIPT.name
    path.write_text(text.replace(body, re.sub(r"[\u4e00-\u9fff]", spoil, body), 1), "utf-8")
    return path


@pytest.fixture(params=[4, 0], ids=["three-quarters-lost", "all-lost"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return damaged_copy(tmp_path, keep_every=request.param)


def test_the_damaged_item_is_refused_by_name_and_the_others_stay(damaged: Path) -> None:
    whole = read_documents(TRANSCRIPT)
    skipped: list[InputError] = []
    documents = read_documents(damaged, skipped=skipped)
    assert [e.path for e in skipped] == [item_path(damaged, 3)]
    assert skipped[0].reason.startswith("mostly undecodable")
    # the others, with their numbers and titles as in the undamaged file
    assert [d.path.name for d in documents] == [
        d.path.name for d in whole if d.path.name != f"{TRANSCRIPT.name}#3"]
    assert [d.title for d in documents] == [d.title for d in whole if d.title != whole[2].title]
    assert all(d.paragraphs == w.paragraphs for d, w in zip(
        documents, [w for w in whole if w is not whole[2]], strict=True))
    # one item asked for by its address
    with pytest.raises(InputError, match="mostly undecodable"):
        read_document(item_path(damaged, 3))
    assert read_document(item_path(damaged, 4)).title == whole[3].title


def test_the_reader_yields_the_refusal_among_the_documents(damaged: Path) -> None:
    found = [v for v in iter_read_documents([damaged]) if not hasattr(v, "stage")]
    errors = [v for v in found if isinstance(v, InputError)]
    assert [e.path.name for e in errors] == [f"{TRANSCRIPT.name}#3"]
    assert len(found) - len(errors) == len(read_documents(TRANSCRIPT)) - 1


def test_compare_names_the_item_and_compares_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_copy(tmp_path, keep_every=4)
    code = main(["compare", str(path), "--json", str(tmp_path / "r.json")])
    out, err = capsys.readouterr()
    assert f"{TRANSCRIPT.name}#3: mostly undecodable" in err
    assert code != 0  # some input could not be read
    assert "[15]" in out and "[16]" not in out  # 16 items, one refused


def test_the_corpus_stores_the_other_items_and_reports_the_damaged_one(tmp_path: Path) -> None:
    path = damaged_copy(tmp_path, keep_every=4)
    with CorpusStore(tmp_path / "c.sqlite") as store:
        steps = list(add_paths(store, [path], workers=1))
        stored = sorted(int(d.item) for d in store.documents())
    failed = [s for s in steps if isinstance(s, AddEvent) and s.status == "failed"]
    assert len(failed) == 1 and f"{TRANSCRIPT.name}#3" in failed[0].message
    assert "mostly undecodable" in failed[0].message
    summary = steps[-1]
    assert isinstance(summary, AddSummary) and summary.documents == 15
    assert stored == [n for n in range(1, 17) if n != 3]
