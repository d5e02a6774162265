"""The detail pane: the word-level diff of the selected paragraph against its counterparts.

The diff is the engine's (``worddiff.diff_link``), read from the selected document's side:
struck (orange, "dropped") is wording only the selected document has, blue ("new") wording
only the other has: the vocabulary's colours, read from the selected document to the other.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from tifa.engine.compare.lookup import (
    EchoPiece,
    counterparts,
    echo_sides,
    oriented,
    sentence_counterparts,
)
from tifa.engine.compare.model import Comparison, DiffOp, DiffTag, SentenceLink, SpanRef
from tifa.engine.compare.vocabulary import Status, short_labels
from tifa.engine.compare.worddiff import diff_link
from tifa.engine.export.display import display_text
from tifa.engine.model import Document, Script
from tifa.engine.palette import Role, swatch
from tifa.gui.fonts import cjk_family
from tifa.gui.labels import link_label, pair_granularity_label, status_label

_DELETED, _INSERTED = swatch(Role.DELETED), swatch(Role.INSERTED)
DELETE_STYLE = (f"background:{_DELETED.css_background};color:{_DELETED.css_ink};"
                "text-decoration:line-through;")
INSERT_STYLE = f"background:{_INSERTED.css_background};color:{_INSERTED.css_ink};"
_SHARED = swatch(Role.SHARED)
SHARED_STYLE = f"background:{_SHARED.css_background};color:{_SHARED.css_ink};"
MAX_COUNTERPART_DOCUMENTS = 12

SentenceLinks = Callable[[int, int], "tuple[SentenceLink, ...] | None"]


def _text(document: Document, spans: Sequence[SpanRef]) -> str:
    """The displayed text under normalised ``spans`` (a ¶ between paragraphs)."""
    parts = []
    last = None
    for span in spans:
        shown = display_text(document.paragraphs[span.paragraph])
        a, b = shown.span(span.start, span.end)
        if last is not None and span.paragraph != last:
            parts.append(" ¶ ")
        parts.append(shown.text[a:b])
        last = span.paragraph
    return "".join(parts)


def _family_css(document: Document) -> str:
    family = cjk_family(Script.TRADITIONAL if document.script == Script.TRADITIONAL
                        else Script.SIMPLIFIED)
    return f"font-family:'{family}';" if family else ""


def diff_html(mine: Document, theirs: Document, ops: Sequence[DiffOp]) -> str:
    """Inline diff: equal text as mine has it, deletions struck, insertions in green."""
    out = []
    for op in ops:
        if op.tag is DiffTag.EQUAL:
            out.append(html.escape(_text(mine, op.a)))
            continue
        if op.tag in (DiffTag.DELETE, DiffTag.REPLACE) and op.a:
            deleted = _text(mine, op.a)
            if deleted:
                out.append(f'<span style="{DELETE_STYLE}{_family_css(mine)}">'
                           f"{html.escape(deleted)}</span>")
        if op.tag in (DiffTag.INSERT, DiffTag.REPLACE) and op.b:
            inserted = _text(theirs, op.b)
            if inserted:
                out.append(f'<span style="{INSERT_STYLE}{_family_css(theirs)}">'
                           f"{html.escape(inserted)}</span>")
    return "".join(out)


def echo_html(document: Document, pieces: Sequence[EchoPiece]) -> str:
    """One sentence of an echo: the wording the other sentence shares in the shared colour."""
    out = []
    for piece in pieces:
        text = html.escape(_text(document, piece.spans))
        if text and piece.shared:
            out.append(f'<span style="{SHARED_STYLE}{_family_css(document)}">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


class DetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(False)  # read-only text edits still take drops: leave them to
        # the window
        self.setOpenLinks(False)
        self._echo_threshold = 0.0
        self._last: (
            tuple[Comparison, int, tuple[int, ...], tuple[int, ...], SentenceLinks] | None
        ) = None
        self.show_hint()

    def set_echo_threshold(self, value: float) -> None:
        """Sentence echoes scoring below ``value`` are left out (counted, not listed)."""
        self._echo_threshold = value
        if self._last is not None:
            self.show_cell(*self._last)

    @property
    def echo_threshold(self) -> float:
        return self._echo_threshold

    def show_hint(self) -> None:
        self._last = None
        self.setHtml(f"<p style='color:#777'>{html.escape(self._hint())}</p>")

    def _hint(self) -> str:
        return self.tr("Click a paragraph to see its word-level differences from its "
                       "counterparts in the other documents.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self._last is None:
                self.show_hint()
            else:
                self.show_cell(*self._last)
        super().changeEvent(event)

    def _note(self, other: int, comparison: Comparison, text: str) -> str:
        theirs = comparison.documents[other]
        return (f"<p style='margin-top:10px;color:#777'>→ "
                f"{html.escape(theirs.title or theirs.name)} · {html.escape(text)}</p>")

    def _counterpart_block(
        self,
        comparison: Comparison,
        document: int,
        paragraphs: tuple[int, ...],
        other: int,
        sentence_links: SentenceLinks,
    ) -> str | None:
        """The diff against ``other``: linked paragraphs, else echoing sentences; None when
        the sentence links are not computed yet (or the pair itself, in a comparison of many
        documents: computed on a worker with them)."""
        if not comparison.pair_ready(document, other):
            return None
        docs = comparison.documents
        mine, theirs = docs[document], docs[other]
        heading = html.escape(theirs.title or theirs.name)
        lo, hi = sorted((document, other))
        by = (f"<p style='margin:6px 0 0 0;color:#999;font-size:small'>→ {heading} · "
              f"{html.escape(pair_granularity_label(comparison.pair(lo, hi)))}</p>")
        found = counterparts(comparison, document, paragraphs, other)
        if found:
            parts = [by]
            for c in found:
                ops = oriented(diff_link(docs[lo], docs[hi], c.link), c.flipped)
                where = self.tr("paragraph %s") % ", ".join(str(p + 1) for p in c.theirs)
                parts.append(
                    f"<p style='margin-top:10px'><span style='color:#555'>→ {heading} · "
                    f"{html.escape(where)} · {html.escape(link_label(c.link.kind))} · "
                    f"{c.link.score:.2f}</span><br/>{diff_html(mine, theirs, ops)}</p>"
                )
            return "".join(parts)
        links = sentence_links(document, other)
        if links is None:
            return None
        echoing = sentence_counterparts(links, document, paragraphs, other)
        # the strongest first; weak ones (a stock phrase in common) are noise: not listed
        echoes = sorted((e for e in echoing if e.score >= self._echo_threshold),
                        key=lambda e: -e.score)
        hidden = len(echoing) - len(echoes)
        if not echoes:
            if hidden:
                return self._note(other, comparison, self.tr(
                    "no counterpart (weaker sentence echoes not shown: %n, below %1)", "",
                    hidden).replace("%1", f"{self._echo_threshold:.2f}"))
            return self._note(other, comparison, self.tr("no counterpart"))
        items = []
        labels = short_labels(docs)
        for link in echoes:
            # diff_link reads the link in the pair's own orientation (lower document first)
            stored = link if document < other else SentenceLink(
                a=link.b, b=link.a, score=link.score, kind=link.kind
            )
            ops = oriented(diff_link(docs[lo], docs[hi], stored), document > other)
            mine_pieces, their_pieces = echo_sides(ops)
            items.append(f"<li><span style='color:#555'>{link.score:.2f}</span><br/>"
                         f"<b>{html.escape(labels[document])}</b> "
                         f"{echo_html(mine, mine_pieces)}<br/>"
                         f"<b>{html.escape(labels[other])}</b> "
                         f"{echo_html(theirs, their_pieces)}</li>")
        echo = self.tr("no corresponding paragraph; sentences that echo it (score; shared "
                       "wording marked):")
        more = ""
        if hidden:
            note = self.tr("weaker echoes not shown: %n, below %1 (see Settings)", "",
                           hidden).replace("%1", f"{self._echo_threshold:.2f}")
            more = f"<p style='color:#999;margin-top:0'>{html.escape(note)}</p>"
        return (f"{by}<p style='margin-top:10px'><span style='color:#555'>→ {heading} · "
                f"{html.escape(echo)}</span></p><ul>{''.join(items)}</ul>{more}")

    def refresh(self) -> list[tuple[int, int]]:
        """Show the last cell again (sentence links arrived); the pairs still missing."""
        return self.show_cell(*self._last) if self._last is not None else []

    def show_cell(
        self,
        comparison: Comparison,
        document: int,
        paragraphs: tuple[int, ...],
        others: tuple[int, ...],
        sentence_links: SentenceLinks,
    ) -> list[tuple[int, int]]:
        """Diff ``paragraphs`` of ``document`` against their counterparts in ``others``.

        Where a paragraph has no counterpart, the sentences elsewhere that echo it are shown,
        from ``sentence_links(a, b)``; the pairs whose links are not computed yet are
        returned, for the caller to request and call ``refresh`` when they arrive."""
        self._last = (comparison, document, paragraphs, others, sentence_links)
        missing: list[tuple[int, int]] = []
        if not paragraphs:
            empty = self.tr("An empty cell: this document has no paragraph here.")
            self.setHtml(f"<p style='color:#777'>{html.escape(empty)}</p>")
            return missing
        mine = comparison.documents[document]
        numbers = ", ".join(str(p + 1) for p in paragraphs)
        where_mine = self.tr("paragraph %s") % numbers
        blocks = [
            f"<p><b>{html.escape(mine.title or mine.name)}</b> · {html.escape(where_mine)}</p>"
        ]
        for other in [o for o in others if o != document][:MAX_COUNTERPART_DOCUMENTS]:
            block = self._counterpart_block(comparison, document, paragraphs, other,
                                            sentence_links)
            if block is None:
                missing.append((document, other))
                if comparison.pair_ready(document, other):
                    waiting = self.tr("no corresponding paragraph; "
                                      "looking for sentences that echo it…")
                else:  # many documents: this pair is being compared on a worker
                    waiting = self.tr("comparing these two documents…")
                block = self._note(other, comparison, waiting)
            blocks.append(block)
        only_mine = self.tr("only in this document")
        only_theirs = self.tr("only in the other")
        legend = (
            f"<span style='{DELETE_STYLE}'>&nbsp;{html.escape(status_label(Status.DROPPED))}"
            f"&nbsp;</span> {html.escape(only_mine)} · "
            f"<span style='{INSERT_STYLE}'>&nbsp;{html.escape(status_label(Status.NEW))}"
            f"&nbsp;</span> {html.escape(only_theirs)}"
        )
        blocks.append(f"<p style='color:#555;font-size:small'>{legend}</p>")
        self.setHtml("".join(blocks))
        return missing
