#!/bin/sh
# Compile the reports' catalogue (tifa_report.po -> .mo) after editing the .po.
# Needs GNU gettext's msgfmt (Debian: gettext); --check refuses a format mismatch.
set -e
cd "$(dirname "$0")"
for po in */LC_MESSAGES/tifa_report.po; do
    msgfmt --check-format -o "${po%.po}.mo" "$po"
done
