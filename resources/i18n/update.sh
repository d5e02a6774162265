#!/usr/bin/env bash
# Refresh the translation sources from the GUI code, then compile them for QTranslator.
# Run from the repository root after changing user-visible strings; translate the new
# entries in tifa_zh_CN.ts (Qt Linguist: .venv/bin/pyside6-linguist) and run it again.
# tifa_en.ts holds only the numerus forms ("%n document(s)"): english_plurals.py fills new
# ones ("(s)" -> singular and plural); write the forms by hand where that rule is wrong
# ("contain(s)"), the script keeps them.
set -euo pipefail
VENV=${VENV:-.venv}
SOURCES=$(find desktop/tifa/gui -name '*.py' | sort)
"$VENV/bin/pyside6-lupdate" $SOURCES -ts resources/i18n/tifa_zh_CN.ts -no-obsolete
"$VENV/bin/pyside6-lupdate" $SOURCES -ts resources/i18n/tifa_en.ts -no-obsolete -pluralonly \
  -source-language en -target-language en
"$VENV/bin/python" resources/i18n/english_plurals.py resources/i18n/tifa_en.ts
for language in zh_CN en; do
  "$VENV/bin/pyside6-lrelease" resources/i18n/tifa_$language.ts -qm resources/i18n/tifa_$language.qm
done
