"""Echoes in the corpus (`tifa corpus echoes`), on real 新闻联播 items.

The same announcement read on two days (the German edition of a book on 2021-10-24, the
Spanish edition on 2021-11-28: one template, one word changed) is an echo; reprints of an item
(a plain-text copy, a Traditional-script HTML copy) cluster as near-duplicates; the Beijing
work conference of July 2022 (seeds/) echoes the Politburo meeting of 2022-04-29
(疫情要防住、经济要稳住、发展要安全) and not the book announcement.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import opencc
import pytest
from _corpus_helpers import day_files
from datasketch import MinHash

from tifa.cli import main
from tifa.engine.corpus import CorpusStore
from tifa.engine.corpus import sketch as sk
from tifa.engine.corpus.echoes import (
    EchoResult,
    ensure_sketches,
    find_echoes,
    indexed_hits,
    load_signatures,
    missing_sketches,
    near_duplicates,
    scanned_hits,
)
from tifa.engine.corpus.store import SCHEMA_VERSION
from tifa.engine.paths import seeds_dir
from tifa.engine.progress import run_to_end

pytestmark = pytest.mark.slow  # a store of 73 real items is built once (~10 s)

DAYS = r"20211024|20211025|20211128|20220429|20220430"
GERMAN = "一书德文版"  # 2021-10-24
SPANISH = "一书西文版"  # 2021-11-28
POLITBURO = "中共中央政治局4月29日召开会议"
BEIJING_SEED = "000_9199964eb3750e0c.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("echoes")
    db = folder / "c.sqlite"
    assert main(["corpus", "add", "--db", str(db), "--workers", "2", "--quiet",
                 *map(str, day_files(DAYS))]) == 0
    with CorpusStore(db) as store:
        german = store.search(GERMAN)[0].id
        text = store.document(german).text
    # reprints: a plain-text copy with its own title line, and a Traditional-script web page
    plain = folder / "reprint.txt"
    plain.write_text("德文版出版发行（转载）\n\n" + text.replace("：", ":") + "\n",
                     encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(text)
    page = folder / "reprint.html"
    page.write_text(f"<html><head><title>轉載</title></head><body><h1>轉載</h1>"
                    f"<p>{traditional}</p><p>（來源：新聞聯播）</p></body></html>",
                    encoding="utf-8")
    assert main(["corpus", "add", "--db", str(db), "--quiet", str(plain), str(page)]) == 0
    ids: dict[str, int] = {}
    with CorpusStore(db) as store:
        ids["german"] = german
        ids["spanish"] = store.search(SPANISH)[0].id
        ids["politburo"] = store.search(POLITBURO)[0].id
        by_path = {Path(d.path).name: d.id for d in store.documents()}
        ids["plain"], ids["page"] = by_path["reprint.txt"], by_path["reprint.html"]
    return db, ids


def _ids(result: EchoResult) -> dict[int, tuple[int, ...]]:
    return {e.id: e.members for e in result.echoes}


def test_every_document_is_sketched_at_add_time(corpus: tuple[Path, dict[str, int]]) -> None:
    db, _ = corpus
    with CorpusStore(db) as store:
        assert missing_sketches(store) == ()
        signatures = load_signatures(store)
        assert len(signatures.ids) == len(store.documents()) == 73
        assert signatures.values.shape == (len(signatures.ids), sk.NUM_PERM)


def test_signatures_are_datasketch_minhashes_of_the_shingles(
    corpus: tuple[Path, dict[str, int]]
) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        text = store.document(ids["spanish"]).normalized
        stored = load_signatures(store)
        row = stored.row(ids["spanish"])
        assert row is not None
    hashes = sk.shingle_hashes(text)
    reference = MinHash(num_perm=sk.NUM_PERM, seed=sk.SEED, scheme=sk.SCHEME,
                        hashfunc=lambda v: v)
    reference.update_batch(hashes)
    assert np.array_equal(stored.values[row], reference.hashvalues)
    # the containment scan permutes shingles exactly as datasketch does
    assert np.array_equal(sk.permuted(hashes).min(axis=0), reference.hashvalues)
    assert int(stored.shingles[row]) == len(hashes) == len(set(hashes.tolist()))


def test_the_signature_index_finds_what_a_scan_of_every_signature_finds(
    corpus: tuple[Path, dict[str, int]]
) -> None:
    """The candidates of echoes come from index look-ups (``sketch_keys``), not from reading
    every signature; they are exactly the documents, hits and weights of the full scan."""
    db, _ = corpus
    with CorpusStore(db) as store:
        signatures = load_signatures(store)
        for doc_id in signatures.ids.tolist():
            hashes = sk.shingle_hashes(store.document(doc_id).normalized)
            indexed, scanned = indexed_hits(store, hashes), scanned_hits(hashes, signatures)
            assert indexed.ids.tolist() == scanned.ids.tolist()
            assert indexed.hits.tolist() == scanned.hits.tolist()
            assert np.allclose(indexed.weighted, scanned.weighted)
            assert indexed.shingles.tolist() == scanned.shingles.tolist()
            assert doc_id in indexed.ids.tolist()  # a document takes its own minima
        first = int(signatures.ids[0])
        assert [e.id for e in find_echoes(store, first).echoes] == [
            e.id for e in find_echoes(store, first, signatures=signatures).echoes]


def test_the_same_announcement_on_two_days_is_an_echo(
    corpus: tuple[Path, dict[str, int]]
) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        result = find_echoes(store, ids["spanish"])
    echo = {e.id: e for e in result.echoes}
    german_entry = [e for e in result.echoes if ids["german"] in (e.id, *e.members)]
    assert len(german_entry) == 1
    best = german_entry[0]
    assert best is result.echoes[0]  # the best echo
    assert best.shared_chars > 150 and best.score > 40  # datelines are metadata, not shared text
    assert any("对于国外读者深入了解构建人类命运共同体理念" in p for p in best.passages)
    assert ids["spanish"] not in echo  # not its own echo
    assert 0.7 < best.jaccard < 0.9  # one template, another language named: not a reprint


def test_reprints_cluster_as_one_entry(corpus: tuple[Path, dict[str, int]]) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        result = find_echoes(store, ids["spanish"])
    entries = [e for e in result.echoes if ids["german"] in (e.id, *e.members)]
    (entry,) = entries
    assert {entry.id, *entry.members} == {ids["german"], ids["plain"], ids["page"]}
    assert not any(ids["plain"] == e.id or ids["page"] == e.id
                   for e in result.echoes if e is not entry)
    # from the original, its reprints are one entry, the other day's announcement another
    with CorpusStore(db) as store:
        result = find_echoes(store, ids["german"])
    clusters = {frozenset((e.id, *e.members)) for e in result.echoes}
    assert frozenset({ids["plain"], ids["page"]}) in clusters
    assert frozenset({ids["spanish"]}) in clusters


def test_an_unrelated_document_is_not_an_echo(corpus: tuple[Path, dict[str, int]]) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        book = find_echoes(store, ids["german"])
        politburo = find_echoes(store, ids["politburo"])
    assert ids["politburo"] not in {i for e in book.echoes for i in (e.id, *e.members)}
    assert ids["german"] not in {i for e in politburo.echoes for i in (e.id, *e.members)}
    assert ids["spanish"] not in {i for e in politburo.echoes for i in (e.id, *e.members)}


def test_a_file_outside_the_corpus_is_read_and_compared(
    corpus: tuple[Path, dict[str, int]]
) -> None:
    db, ids = corpus
    seed = seeds_dir() / BEIJING_SEED
    with CorpusStore(db) as store:
        result = find_echoes(store, seed)
    assert result.query.id is None and result.query.date == "2022-07-21"
    echoes = {e.id: e for e in result.echoes}
    assert ids["politburo"] in echoes
    assert any("疫情要防住、经济要稳住、发展要安全" in p for p in echoes[ids["politburo"]].passages)
    assert ids["german"] not in echoes and ids["spanish"] not in echoes


def test_a_stored_file_is_its_stored_document(corpus: tuple[Path, dict[str, int]]) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        path = Path(store.document_info(ids["plain"]).path)  # type: ignore[union-attr]
        result = find_echoes(store, path)
    assert result.query.id == ids["plain"]
    assert ids["plain"] not in _ids(result)
    # an item's address (day.md#n, as a comparison or a workspace names it) is that item
    with CorpusStore(db) as store:
        spanish = store.document(ids["spanish"])
        assert "#" in spanish.path.name
        result = find_echoes(store, spanish.path)
    assert result.query.id == ids["spanish"]
    assert ids["spanish"] not in _ids(result) and ids["german"] in _ids(result)


def test_near_duplicates_of_the_whole_corpus_by_lsh(
    corpus: tuple[Path, dict[str, int]]
) -> None:
    db, ids = corpus
    with CorpusStore(db) as store:
        clusters = near_duplicates(load_signatures(store))
    assert (ids["german"], ids["plain"], ids["page"]) in clusters or tuple(
        sorted((ids["german"], ids["plain"], ids["page"]))) in clusters
    assert not any(ids["politburo"] in c for c in clusters)


def test_an_older_store_is_migrated_and_sketched_on_first_use(
    corpus: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, ids = corpus
    old = tmp_path / "old.sqlite"
    with CorpusStore(db) as store:
        store.checkpoint()
        before = load_signatures(store)
    old.write_bytes(db.read_bytes())
    with sqlite3.connect(old) as raw:  # back to schema 1: no signatures
        raw.executescript("DROP TABLE sketches; DROP TABLE sketch_params; "
                          "DROP TABLE sketch_keys; DROP TABLE documents_chars; "
                          "PRAGMA user_version = 1;")
    with CorpusStore(old) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(missing_sketches(store)) == len(store.documents())
        run_to_end(ensure_sketches(store, batch=20))
        assert missing_sketches(store) == ()
        after = load_signatures(store)
        result = find_echoes(store, ids["spanish"])
        rows = store._db.execute("SELECT count(*) FROM sketch_keys").fetchone()[0]
        assert rows >= len(after.ids) * (sk.NUM_PERM - 8)  # few values repeat in a row
    assert np.array_equal(before.ids, after.ids)
    assert np.array_equal(before.values, after.values)
    assert result.echoes[0].id in (ids["german"], ids["plain"], ids["page"])


def test_other_parameters_mean_new_signatures(
    corpus: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = corpus
    copy = tmp_path / "copy.sqlite"
    with CorpusStore(db) as store:
        store.checkpoint()
    copy.write_bytes(db.read_bytes())
    with sqlite3.connect(copy) as raw:
        raw.execute("UPDATE sketch_params SET params = 'minhash/older'")
        raw.execute("UPDATE sketches SET signature = zeroblob(length(signature))")
    with CorpusStore(copy) as store:
        assert len(missing_sketches(store)) == len(store.documents())
        run_to_end(ensure_sketches(store))
        assert missing_sketches(store) == ()
        assert not (load_signatures(store).values == 0).all(axis=1).any()


def test_echoes_command_json(corpus: tuple[Path, dict[str, int]], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = corpus
    out = tmp_path / "echoes.json"
    assert main(["corpus", "echoes", "--db", str(db), str(ids["spanish"]), "--limit", "2",
                 "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"#{ids['german']}" in printed or any(f"#{i}" in printed
                                                  for i in (ids["plain"], ids["page"]))
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert set(payload) == {"query", "echoes"}
    assert payload["query"]["id"] == ids["spanish"]
    assert 1 <= len(payload["echoes"]) <= 2  # --limit 2: the reprint cluster comes first
    first = payload["echoes"][0]
    assert set(first) >= {"id", "path", "title", "date", "source", "score", "shared_chars",
                          "passages", "members"}
    assert {first["id"], *first["members"]} == {ids["german"], ids["plain"], ids["page"]}
    assert first["date"] is not None and first["passages"]


def test_echoes_command_errors(corpus: tuple[Path, dict[str, int]], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = corpus
    assert main(["corpus", "echoes", "--db", str(db), "999999"]) == 2
    assert "no document #999999" in capsys.readouterr().err
    assert main(["corpus", "echoes", "--db", str(db)]) == 2
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["corpus", "echoes", "--db", str(db), str(empty)]) == 3
    assert "empty.txt" in capsys.readouterr().err


def test_echoes_of_every_document(corpus: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = corpus
    out = tmp_path / "all.json"
    assert main(["corpus", "echoes", "--db", str(db), "--all", "--workers", "2",
                 "--json", str(out)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    with CorpusStore(db) as store:
        assert len(payload["documents"]) == len(store.documents())
    by_query = {d["query"]["id"]: d["echoes"] for d in payload["documents"]}
    assert {ids["german"], ids["plain"], ids["page"]} == {
        by_query[ids["spanish"]][0]["id"], *by_query[ids["spanish"]][0]["members"]}
    assert sorted([ids["german"], ids["plain"], ids["page"]]) in payload["near_duplicates"]
