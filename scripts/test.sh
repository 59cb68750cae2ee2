#!/usr/bin/env bash
# Installs what is needed (Chromium from Debian, the package with its test extras) and
# runs the whole test suite, browser tests included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
export BROWSER_PATH=${BROWSER_PATH:-$(command -v chromium)}
exec .venv/bin/python -m pytest -q "$@"
