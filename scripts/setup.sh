#!/usr/bin/env bash
# Install everything the cockpit needs on Debian/Ubuntu: system packages (Qt's xcb platform,
# CJK fonts, Xvfb, PostgreSQL for the tests) and a Python virtual environment in .venv.
#   scripts/setup.sh          # the app
#   scripts/setup.sh test     # the app and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt 6 xcb platform plugin
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxcb-util1
  libxcb1 libx11-xcb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libglx0 libgl1-mesa-dri
  libglx-mesa0 libegl-mesa0 libfontconfig1 libdbus-1-3
  # fonts: Chinese and Latin
  fonts-noto-cjk fonts-dejavu-core
  # a virtual screen for screenshots, benchmarks and headless runs
  xvfb xauth
  # real servers and peers the tests start themselves: PostgreSQL, Mosquitto (MQTT), the ffmpeg
  # CLI (decoder reference), node/npm (an independent ONVIF client), iproute2 + util-linux
  # (WS-Discovery multicast inside a private network namespace)
  postgresql mosquitto ffmpeg iproute2 util-linux
  # GStreamer's RTSP server (Debian's python3-gi): the reference server the RTSP client is proven against
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-ugly gstreamer1.0-x
  # python venv support on plain Debian
  python3-venv
)

command -v node >/dev/null && command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2; exit 1; }
[[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
extra=""
[[ "${1:-}" == "test" ]] && extra="[test]"
.venv/bin/python -m pip install -q -e ".${extra}"
echo "setup: ready (.venv/bin/cockpit)"
