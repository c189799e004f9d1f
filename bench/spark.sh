#!/usr/bin/env bash
# Scale-out check: `rasid extract` unchanged under Spark's RDD.pipe (PySpark, local mode).
#
#   bench/spark.sh [--size MB] [--partitions N] [--master local[2]]
#
# Builds the release binary (.build-bench), installs PySpark into bench/.venv (a ~300 MB download, so this is
# kept OUT of CI), makes a corpus with bench/make_corpus.py (default 2 MB), pipes it through
# `rasid extract --jobs 1` in N partitions and checks that the concatenated part files equal a direct
# `rasid extract` run byte for byte (order-preserving: partitions keep file order). Needs Java 17
# (openjdk-17-jre-headless). On a cluster the same line works with the binary and its data shipped to the
# workers (spark-submit --files, or installed on every node) and RASID_DATA pointing at the data.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=2
PARTITIONS=4
MASTER="local[2]"
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE="$2"; shift 2 ;;
        --partitions) PARTITIONS="$2"; shift 2 ;;
        --master) MASTER="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "bench/spark.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

PYSPARK_VERSION=3.5.7
command -v java >/dev/null || { echo "bench/spark.sh: java is missing (apt-get install -y openjdk-17-jre-headless)" >&2; exit 2; }
mkdir -p bench/out

swift build -c release --scratch-path .build-bench >&2
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
if ! bench/.venv/bin/python -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    bench/.venv/bin/pip install -q "pyspark==$PYSPARK_VERSION" >&2
fi

CORPUS="bench/out/spark-corpus-$SIZE.jsonl"
python3 bench/make_corpus.py --size-mb "$SIZE" -o "$CORPUS" >&2
PYSPARK_PYTHON="$PWD/bench/.venv/bin/python" bench/.venv/bin/python bench/spark_check.py "$CORPUS" \
    --rasid .build-bench/release/rasid --partitions "$PARTITIONS" --master "$MASTER"
