#!/usr/bin/env bash
# The "new documents" trial: adding valid documents to data/ and seeds/ must need no change
# to code or tests. Copies the project (tracked files plus the working tree's changes) into
# a scratch folder, adds the made-up documents of tests/fixtures/extra_documents/ as data
# only, then runs `dashboard validate`, `dashboard coverage` and the test suite there.
# Extra arguments go to pytest, e.g. `scripts/check_new_documents.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=$(command -v python3)
extra=$root/tests/fixtures/extra_documents

scratch=$(mktemp -d "${TMPDIR:-/tmp}/new-documents.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Everything git knows of (tracked or new, not ignored), as it stands in the working tree.
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -cf - -T - | tar -xf - -C "$scratch"
cp "$extra"/data/*.yaml "$scratch/data/"
cp "$extra"/seeds/* "$scratch/seeds/"
added=$(ls "$extra"/seeds | wc -l)
echo "Added $added made-up documents to a copy of the project in $scratch"

cd "$scratch"
"$python" -m dashboard.cli validate --data data --seeds seeds
"$python" -m dashboard.cli coverage --data data --seeds seeds | tail -n 1
export BROWSER_PATH=${BROWSER_PATH:-$(command -v chromium || true)}
"$python" -m pytest -q -p no:cacheprovider "$@"
