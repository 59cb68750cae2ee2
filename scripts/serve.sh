#!/usr/bin/env bash
# Installs what is needed, checks the shipped data, and starts the dashboard on it.
# Extra arguments go to `dashboard serve` (e.g. --port 8060 --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
.venv/bin/dashboard validate
exec .venv/bin/dashboard serve "$@"
