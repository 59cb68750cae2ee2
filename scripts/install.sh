#!/usr/bin/env bash
# Installs everything the dashboard needs on a fresh Debian machine, then returns.
#   - Debian's Chromium (static images, PowerPoint pictures, browser tests) and fonts
#     that carry £ and Vietnamese diacritics (DejaVu, Liberation 2). Test tools never download a browser.
#   - A virtual environment in .venv with this package (editable) and its pinned deps.
# Once installed, it runs pip again only when pyproject.toml (or the extras asked for)
# changed: a stamp in .venv remembers what was installed, so serve.sh starts offline.
# Usage: scripts/install.sh [--test | --production]
#   --test adds pytest and Playwright, nginx (the production tests start it) and redis-server;
#   --production adds nginx (scripts/serve.sh --production runs gunicorn behind it).
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[[ "${1:-}" == "--test" ]] && extras="[test]"

# nginx from Debian, only when missing; nothing of it is configured or started here.
if [[ "${1:-}" == "--test" || "${1:-}" == "--production" ]] && ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "nginx is missing: run as root, or: sudo apt-get install -y nginx" >&2
        exit 1
    fi
    echo "Installing Debian's nginx (apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi

# Redis from Debian for the tests of render jobs on Celery (they start their own server on a
# free loopback port); only when missing, nothing configured or started here.
if [[ "${1:-}" == "--test" ]] && ! command -v redis-server >/dev/null 2>&1; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "redis-server is missing: run as root, or: sudo apt-get install -y redis-server" >&2
        exit 1
    fi
    echo "Installing Debian's redis-server (apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

# Liberation Sans 2 is the Arial stand-in the deck's text is measured with
# (outputs/textfit.py); unlike Liberation 1 it has every Vietnamese letter, which
# fontconfig confirms with :lang=vi.
# Pango sets the PDF brief's text (WeasyPrint loads it at run time: outputs/pdfrender.py).
packages="chromium fonts-dejavu-core fonts-liberation fonts-liberation2 fontconfig libpango-1.0-0 libpangoft2-1.0-0"
# grep reads all of fc-list's output (no -q): with -q it stops at the first match, fc-list
# dies of SIGPIPE, pipefail turns that into a failed check, and apt-get ran on every start.
has_fonts() {
    fc-list 2>/dev/null | grep -i dejavu >/dev/null \
        && fc-list ':lang=vi' family 2>/dev/null | grep -x 'Liberation Sans' >/dev/null
}
has_pango() { ldconfig -p 2>/dev/null | grep -F 'libpangoft2-1.0.so.0' >/dev/null; }
if ! command -v chromium >/dev/null 2>&1 || ! has_fonts || ! has_pango; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "Chromium, fonts or Pango are missing: run as root, or: sudo apt-get install -y $packages" >&2
        exit 1
    fi
    echo "Installing Debian's chromium, fonts and Pango (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi

supported() { "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; }
python=${PYTHON:-}
if [[ -z "$python" ]]; then
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && supported "$candidate"; then python=$candidate; break; fi
    done
fi
if [[ -z "$python" ]] || ! supported "$python"; then
    echo "Python 3.11, 3.12 or 3.13 is required (found ${python:-none}: $("${python:-python3}" --version 2>&1)); set PYTHON=/path/to/python3.x" >&2
    exit 1
fi

stamp=.venv/.installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) extras=${extras}"
if [[ -x .venv/bin/python && -f "$stamp" ]] && grep -qxF "$wanted" "$stamp"; then
    exit 0  # nothing changed since the last install: no network needed
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
.venv/bin/dashboard --help >/dev/null
# The test extras include the base install, so either stamp covers a plain install.
echo "$wanted" > "$stamp"
if [[ -n "$extras" ]]; then echo "${wanted% extras=*} extras=" >> "$stamp"; fi
echo "Installed: the dashboard command is .venv/bin/dashboard (or run \`. .venv/bin/activate\` first)"
