#!/usr/bin/env bash
# The dashboard in a real browser: installs Debian's chromium and chromium-driver and Selenium
# (PyPI, into scripts/.venv), then runs scripts/browser_test.py, which starts `serve --demo` and
# the other servers it needs and prints PASS/FAIL per check, then `browser-test: N passed, M failed`.
# Exits non-zero on any FAIL. Takes about a minute; never longer than 4 minutes (timeout).
#
# Usage: scripts/browser-test.sh
#   COUNCIL_API_BIN        the council-api binary (default: the debug build's, which must exist:
#                          this script never builds)
#   BROWSER_TEST_DATABASE  optional: a database to time the first view on, e.g. one made by
#                          `scripts/load-data.sh 2000000 /tmp/2m.sqlite`
#   BROWSER_TEST_OUT       where screenshots go (default scripts/out/browser)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

need_apt chromium chromium-driver

if [ -z "${COUNCIL_API_BIN:-}" ]; then
    # --show-bin-path only prints the folder; nothing is built here.
    COUNCIL_API_BIN="$(swift build --show-bin-path)/council-api"
fi
if [ ! -x "$COUNCIL_API_BIN" ]; then
    echo "FAIL setup: no council-api binary at $COUNCIL_API_BIN (build it first, or set COUNCIL_API_BIN)"
    echo "browser-test: 0 passed, 1 failed"
    exit 1
fi
export COUNCIL_API_BIN

venv=scripts/.venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null ||
    [ "$("$venv/bin/python" -c 'import selenium; print(selenium.__version__)')" != "$(sed -n 's/^selenium==//p' scripts/requirements-browser.txt)" ]; then
    "$venv/bin/pip" install -q -r scripts/requirements-browser.txt
fi
# Selenium must use Debian's driver (browser_test.py names it), never fetch one of its own.
export SE_OFFLINE=true SE_AVOID_STATS=true

status=0
timeout --signal=TERM --kill-after=20 240 "$venv/bin/python" scripts/browser_test.py || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    echo "FAIL browser-test: stopped after 240 s"
    echo "browser-test: 0 passed, 1 failed"
fi
exit "$status"
