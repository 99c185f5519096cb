#!/usr/bin/env bash
# Install (if needed) and open the cockpit on the simulated demo community (SQLite, no hardware).
# Extra arguments go to the cockpit, e.g. scripts/demo.sh --lang zh_CN
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "demo: no screen here (DISPLAY is not set). Run it on a desktop, under 'xvfb-run -a', or" >&2
  echo "      take screenshots instead: .venv/bin/python -m tools.screenshots" >&2
  exit 1
fi
exec .venv/bin/cockpit --demo "$@"
