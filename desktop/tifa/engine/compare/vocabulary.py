"""One vocabulary for what changed: each status defined once, with its meaning, its words in
English and Chinese and its colour, for the app (side-by-side view, key, Formulations tab,
tooltips) and every report format; and the short label every document goes by.

Statuses are read "from A to B": A is the reference (the pivot, or the first document of a
pair), B the document looked at. Wording and formulations use the same words and colours:
what B has and A lacks is *new* (blue, like inserted words), what A has and B lacks is
*dropped* (orange, like deleted words), another form of A's is a *variant* (yellow, like
changed words), both have it: *shared* (green). Against all the other open documents at once,
wording in no other document is *only in X*.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tifa.engine.compare.model import FormulationStatus
from tifa.engine.model import Document
from tifa.engine.palette import Role, Swatch, swatch


class Status(StrEnum):
    """Every status word Tifa shows. The first five are ``FormulationStatus``'s values."""

    SHARED = "shared"
    NEW = "new"
    DROPPED = "dropped"
    VARIANT = "variant"
    ABSENT = "absent"
    ONLY_IN = "only-in"  # in this document and no other open one


@dataclass(frozen=True, slots=True)
class Term:
    """A status: its words, what it means (``{a}``/``{b}``: the two documents' labels;
    ``{x}``: the document looked at) and its colour."""

    status: Status
    en: str
    zh: str
    meaning_en: str
    meaning_zh: str
    role: Role

    @property
    def swatch(self) -> Swatch:
        return swatch(self.role)

    def word(self, language: str = "en") -> str:
        return self.zh if language.startswith("zh") else self.en

    def meaning(self, language: str = "en", *, a: str = "A", b: str = "B", x: str = "") -> str:
        text = self.meaning_zh if language.startswith("zh") else self.meaning_en
        return text.format(a=a, b=b, x=x or b)


TERMS: dict[Status, Term] = {
    Status.SHARED: Term(Status.SHARED, "shared", "共有",
                        "in both {a} and {b}", "{a}、{b} 都有", Role.SHARED),
    Status.NEW: Term(Status.NEW, "new", "新增",
                     "new in {b} relative to {a}: {b} has it, {a} not",
                     "{b} 相对 {a} 新增：{b} 有，{a} 无", Role.INSERTED),
    Status.DROPPED: Term(Status.DROPPED, "dropped", "删去",
                         "dropped in {b} relative to {a}: {a} has it, {b} not",
                         "{b} 相对 {a} 删去：{a} 有，{b} 无", Role.DELETED),
    Status.VARIANT: Term(Status.VARIANT, "variant", "变体",
                         "{b} has another form of {a}'s wording",
                         "{b} 用了 {a} 措辞的另一种形式", Role.CHANGED),
    Status.ABSENT: Term(Status.ABSENT, "absent", "均无",
                        "in neither {a} nor {b}", "{a}、{b} 都没有", Role.ABSENT),
    Status.ONLY_IN: Term(Status.ONLY_IN, "only in {x}", "仅见于 {x}",
                         "in {x} and in no other open document",
                         "只有 {x} 有，其他打开的文档都没有", Role.ONLY_HERE),
}


def term(status: Status | FormulationStatus) -> Term:
    return TERMS[Status(status.value)]


def status_word(status: Status | FormulationStatus, language: str = "en", *,
                x: str = "") -> str:
    """The status's word; ``only in`` names the document ``x``."""
    return term(status).word(language).format(x=x or "X")


# --------------------------------------------------------------------------------------------
# Short labels


def letter(index: int, count: int) -> str:
    """A, B, C… for up to 26 documents, else 01, 02… (so sorting keeps the order)."""
    if count <= 26:
        return chr(ord("A") + index)
    width = len(str(count))
    return f"{index + 1:0{width}d}"


def short_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    """Every document's short label: its letter, plus its file stem when another open
    document has the same title (two versions of one report: ``A 000_draft``, ``B 000_final``),
    so versions can be told apart wherever the label is shown."""
    titles = Counter((d.title or "").strip() for d in documents)
    labels = []
    for i, document in enumerate(documents):
        label = letter(i, len(documents))
        title = (document.title or "").strip()
        if not title or titles[title] > 1:
            label += f" {document.path.stem}"
        labels.append(label)
    return tuple(labels)


def letters(documents: Sequence[Document]) -> tuple[str, ...]:
    """Just the letters (A, B, C…): for tight places such as a heatmap's axis."""
    return tuple(letter(i, len(documents)) for i in range(len(documents)))
