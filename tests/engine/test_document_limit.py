"""More documents than one comparison takes: a clear error type in the engine, a usage
message and exit 2 on the command line (nothing is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BEIJING_2022
from tifa.cli import main
from tifa.engine.compare.pipeline import (
    MAX_DOCUMENTS,
    TooManyDocuments,
    check_document_count,
    compare_steps,
)
from tifa.engine.ingest import read_document


def test_the_limit_is_a_named_error_with_the_count_and_the_limit() -> None:
    check_document_count(MAX_DOCUMENTS)  # the limit itself is fine
    with pytest.raises(TooManyDocuments) as caught:
        check_document_count(MAX_DOCUMENTS + 1)
    assert caught.value.count == MAX_DOCUMENTS + 1 and caught.value.limit == MAX_DOCUMENTS
    assert f"at most {MAX_DOCUMENTS}" in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers that caught ValueError still do


def test_the_pipeline_refuses_before_any_work() -> None:
    document = read_document(BEIJING_2022)
    steps = compare_steps([document] * (MAX_DOCUMENTS + 1))
    with pytest.raises(TooManyDocuments):
        next(steps)


def test_the_command_line_gives_a_usage_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the files need not exist: the count is checked before anything is read
    files = [str(tmp_path / f"{i}.txt") for i in range(MAX_DOCUMENTS + 1)]
    code = main(["compare", *files])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("usage: tifa compare")
    assert f"{MAX_DOCUMENTS + 1} documents" in err and f"at most {MAX_DOCUMENTS}" in err
    assert "Traceback" not in err and out == ""
