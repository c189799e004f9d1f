#!/usr/bin/env bash
# The benchmark of issue 6, in one command:
#
#   bench/run.sh [--size MB] [--runs N] [--full]
#
# builds the release binary (scratch path .build-bench, beside anyone's .build), the ICU floor program
# and a pinned virtualenv with spaCy (bench/.venv), generates the corpus (default 20 MB, seed 6) and the
# 1k/1M-entry gazetteers, then times everything with bench/bench.py: a table, then one JSON line.
# --full adds the 200 MB corpus (peak RSS as input grows; takes a few minutes more).
# Outputs under bench/out/ (git-ignored). Needs swift, cc, pkg-config + libicu-dev, python3, /usr/bin/time.
# Run it on an idle machine: other heavy work on the cores skews every figure (the table shows loadavg).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=20
RUNS=5
FULL=()
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --full) FULL=(--full); shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

SPACY_VERSION=3.8.18
OUT=bench/out
mkdir -p "$OUT"

for tool in /usr/bin/time pkg-config cc python3 swift; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (apt-get install -y time pkg-config libicu-dev)" >&2; exit 2; }
done

echo "== build (release, .build-bench)" >&2
swift build -c release --scratch-path .build-bench >&2

echo "== ICU floor program" >&2
# shellcheck disable=SC2046
cc -O2 -Wall -o "$OUT/icu_floor" bench/icu_floor.c $(pkg-config --cflags --libs icu-uc)

echo "== virtualenv (spaCy $SPACY_VERSION)" >&2
if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
fi
if ! bench/.venv/bin/python -c "import spacy, sys; sys.exit(spacy.__version__ != '$SPACY_VERSION')" 2>/dev/null; then
    bench/.venv/bin/pip install -q "spacy==$SPACY_VERSION" >&2
fi

# A snapshot of the bundled data: every run of this benchmark reads the same gazetteers and rules, even if
# someone edits the working tree meanwhile (rasid reads them at start-up).
rm -rf "$OUT/data" && mkdir -p "$OUT/data" && cp -r gazetteers rules "$OUT/data/"
export RASID_DATA="$PWD/$OUT/data"
echo "== rasid check on the snapshot" >&2
echo '{"id": "check", "text": "حزب الوفد"}' | .build-bench/release/rasid extract >/dev/null \
    || { echo "bench/run.sh: rasid cannot load the bundled data (see above)" >&2; exit 2; }

echo "== benchmark (loadavg $(cut -d' ' -f1-3 /proc/loadavg))" >&2
python3 bench/bench.py --size "$SIZE" --runs "$RUNS" --rasid .build-bench/release/rasid \
    --python bench/.venv/bin/python --data "$RASID_DATA" "${FULL[@]}"
