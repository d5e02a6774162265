#!/usr/bin/env bash
# Refresh the translation sources from the GUI code, then compile them for QTranslator.
# Run from the repository root after changing user-visible strings; translate the new
# entries in tifa_zh_CN.ts (Qt Linguist: .venv/bin/pyside6-linguist) and run it again.
set -euo pipefail
VENV=${VENV:-.venv}
"$VENV/bin/pyside6-lupdate" $(find desktop/tifa/gui -name '*.py' | sort) \
  -ts resources/i18n/tifa_zh_CN.ts -no-obsolete
"$VENV/bin/pyside6-lrelease" resources/i18n/tifa_zh_CN.ts -qm resources/i18n/tifa_zh_CN.qm
