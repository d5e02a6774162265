"""Grab the Corpus tab on the real transcripts (tests/real/corpus/xwlb): a timeline of 两个确立
and 共同富裕 by month with December 2021 clicked, at 1400×900. ``regenerate.py`` runs it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/corpus_shot.py OUT.png [zh]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QStandardPaths, QTimer

REPO = Path(__file__).resolve().parent.parent.parent
XWLB = REPO / "tests" / "real" / "corpus" / "xwlb"


def wait(signal: object, timeout_ms: int = 300_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main() -> None:
    target = Path(sys.argv[1])
    language = sys.argv[2] if len(sys.argv) > 2 else "en"
    QStandardPaths.setTestModeEnabled(True)  # leave the user's settings alone
    from tifa.engine.corpus import CorpusStore, add_paths
    from tifa.engine.progress import run_to_end
    from tifa.gui import i18n
    from tifa.gui.app import application
    from tifa.gui.main_window import TAB_CORPUS, MainWindow
    from tifa.gui.session import Session

    app = application()
    QSettings().clear()
    i18n.install_language({"zh": "zh_CN"}.get(language, language))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.sqlite"
        with CorpusStore(db) as store:
            run_to_end(add_paths(store, [XWLB]))
        window = MainWindow(Session(), restore_geometry=False)
        window.persist_state = False
        window.resize(1400, 900)
        window.show()
        tab = window.corpus
        tab.set_database(db, remember=False)
        window.tabs.setCurrentIndex(TAB_CORPUS)
        wait(tab.info_shown)
        tab.show_timeline(["两个确立", "共同富裕"], by="month")
        wait(tab.timeline_shown)
        tab.show_period("2021-12")
        wait(tab.period_shown)
        QTimer.singleShot(400, app.quit)
        app.exec()
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target))
        tab.shutdown()
        window.session.shutdown()
    print("wrote", target)


if __name__ == "__main__":
    main()
