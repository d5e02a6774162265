"""Fill the English catalogue's unfinished numerus forms: "%n document(s)" becomes
"%n document" (one) and "%n documents" (other). Entries already translated are kept."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

_PLURAL = re.compile(r"\((s|es)\)")
# verbs agree the other way round: "1 document contains", "2 documents contain"
_VERBS = {"contain(s)": ("contains", "contain"), "share(s)": ("shares", "share"),
          "is/are": ("is", "are"), "has/have": ("has", "have")}


def forms(source: str) -> tuple[str, str]:
    one, other = source, source
    for verb, (singular, plural) in _VERBS.items():
        one, other = one.replace(verb, singular), other.replace(verb, plural)
    return _PLURAL.sub("", one), _PLURAL.sub(lambda m: m.group(1), other)


def fill(path: str) -> int:
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        for child in list(translation):
            translation.remove(child)
        for text in forms(source):
            ET.SubElement(translation, "numerusform").text = text
        del translation.attrib["type"]
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fill(name)} numerus forms filled")
