#!/usr/bin/env bash
# Install (if needed) and run the whole test suite. The tests start their own real servers:
# a private PostgreSQL cluster on loopback and an Xvfb for the real-window tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k lookup
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
