"""A bound on how deeply HTML nests before the parser sees it.

An HTML5 tree builder checks the stack of open elements at every tag (scope checks, the
adoption agency), so each tag costs time in proportion to the depth: 100k nested ``<div>``
(1 MB) took 16 s, and 100k unclosed ``<div><p>`` 34 s. No real page nests more than a few
dozen levels. Past ``MAX_DEPTH`` open elements, further opening tags (and as many closing
tags) are taken out before parsing — a block tag becomes ``<br>`` so its text still starts a
new paragraph — which keeps parsing linear in the size of the page. The text is untouched.
"""

from __future__ import annotations

import re

MAX_DEPTH = 256

_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})([^<>]*)>")
# Elements that never hold others, and those a parser closes by itself when the next one of
# their kind (or their parent's end) arrives: neither deepens the stack for good.
_NO_DEPTH = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
})
_BLOCKS = frozenset({
    "div", "section", "article", "main", "header", "footer", "blockquote", "pre", "table",
    "ul", "ol", "dl", "figure", "figcaption", "center", "address", "h1", "h2", "h3", "h4",
    "h5", "h6", "form", "fieldset", "details", "summary", "nav", "aside",
})


def limit_nesting(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """``(html, n)``: the page with opening tags past ``max_depth`` open elements (and the
    closing tags that would match them) taken out; ``n`` is how many tags were taken out."""
    if html.count("<") <= max_depth:
        return html, 0
    depth = excess = removed = 0
    pieces: list[str] = []
    last = 0
    for m in _TAG_RE.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        if name in _NO_DEPTH or rest.endswith("/"):
            continue
        if not closing:
            if depth < max_depth:
                depth += 1
                continue
            excess += 1
        elif excess:
            excess -= 1
        else:
            depth = max(0, depth - 1)
            continue
        pieces.append(html[last:m.start()])
        pieces.append("<br>" if name in _BLOCKS else "")
        last = m.end()
        removed += 1
    if not removed:
        return html, 0
    pieces.append(html[last:])
    return "".join(pieces), removed
