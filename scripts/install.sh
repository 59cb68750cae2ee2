#!/usr/bin/env bash
# Installs everything the dashboard needs on a fresh Debian machine, then returns.
#   - Debian's Chromium (static images, PowerPoint pictures, browser tests) and fonts
#     that carry £ and Vietnamese diacritics. Test tools never download a browser.
#   - A virtual environment in .venv with this package (editable) and its pinned deps.
# Usage: scripts/install.sh [--test]   (--test adds pytest and Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[[ "${1:-}" == "--test" ]] && extras="[test]"

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi dejavu; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "Chromium and fonts are missing: run as root, or: sudo apt-get install -y chromium fonts-dejavu-core" >&2
        exit 1
    fi
    echo "Installing Debian's chromium and fonts (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation fontconfig >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Python 3.11 is required (found $("$python" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
    exit 1
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
echo "Installed: $(.venv/bin/dashboard --help >/dev/null && echo 'dashboard command ready in .venv/bin')"
