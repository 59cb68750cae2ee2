#!/usr/bin/env bash
# Installs what is needed, checks the shipped data, and starts the dashboard on it.
#   scripts/serve.sh [--port P] [--host H]    one local user: `dashboard serve` (arguments go to it)
#   scripts/serve.sh --production [--port P] [--host H]
#       gunicorn (gunicorn.conf.py) behind nginx (deploy/nginx.conf) on H:P (127.0.0.1:8050):
#       nginx reads whole requests and answers, with timeouts, so slow clients never hold a
#       gunicorn thread (docs/deployment.md, "Production"). Every file either writes is in a scratch
#       folder removed at exit. DASHBOARD_DATA, DASHBOARD_SEEDS and DASHBOARD_CONFIG name
#       other data; `kill -HUP <gunicorn pid>` (printed at start) reloads it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--production" ]]; then
    scripts/install.sh
    .venv/bin/dashboard validate
    exec .venv/bin/dashboard serve "$@"
fi
shift
host=127.0.0.1 port=8050
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) port=${2:-}; shift 2 || true ;;
        --host) host=${2:-}; shift 2 || true ;;
        *) echo "serve.sh --production: unknown argument '$1' (expected --port P and --host H)" >&2; exit 2 ;;
    esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
    echo "serve.sh --production: --port needs a number from 1 to 65535, got '$port'" >&2; exit 2
fi
scripts/install.sh --production

config=${DASHBOARD_CONFIG:-config.yaml}
read -r prefix max_kb < <(.venv/bin/python -c 'import sys
from dashboard.config import load_config
from dashboard.curated.problems import DataInvalid
try:
    s = load_config(sys.argv[1]).serving
except DataInvalid as err:
    sys.exit(err.report())
print(s.url_prefix, s.max_request_kb)' "$config") || true
[[ -n "${max_kb:-}" ]] || exit 1  # the config's problems are printed above
nginx=$(command -v nginx || echo /usr/sbin/nginx)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dashboard-production.XXXXXX")
chmod 711 "$scratch"  # nginx's workers (nobody, when started as root) reach the socket
gunicorn_pid="" nginx_pid=""
finish() {
    trap - EXIT INT TERM
    [[ -n "$nginx_pid" ]] && kill -TERM "$nginx_pid" 2>/dev/null || true
    [[ -n "$gunicorn_pid" ]] && kill -TERM "$gunicorn_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$scratch"
}
trap finish EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
sed -e "s|@SCRATCH@|$scratch|g" -e "s|@HOST@|$host|g" -e "s|@PORT@|$port|g" \
    -e "s|@PREFIX@|$prefix|g" -e "s|@MAX_BODY_KB@|$max_kb|g" deploy/nginx.conf > "$scratch/nginx.conf"

.venv/bin/gunicorn -c gunicorn.conf.py --bind "unix:$scratch/gunicorn.sock" dashboard.wsgi:server &
gunicorn_pid=$!
for _ in $(seq 600); do  # the master validates the data first; invalid data exits 1 with each problem
    [[ -S "$scratch/gunicorn.sock" ]] && break
    kill -0 "$gunicorn_pid" 2>/dev/null || { wait "$gunicorn_pid" && code=0 || code=$?; gunicorn_pid=""; exit "$code"; }
    sleep 0.1
done
"$nginx" -p "$scratch" -e "$scratch/error.log" -c "$scratch/nginx.conf" &
nginx_pid=$!
echo "Serving on http://$host:$port$prefix (nginx pid $nginx_pid, gunicorn pid $gunicorn_pid; logs: $scratch/*.log and stdout)"
wait -n "$gunicorn_pid" "$nginx_pid" && code=0 || code=$?
exit "$code"
