#!/usr/bin/env python3
"""Runs `rasid extract` through PySpark (local mode) with RDD.pipe and checks the output equals a direct run.

    bench/.venv/bin/python bench/spark_check.py --rasid PATH CORPUS.jsonl [--partitions 4] [--master local[2]]

sc.textFile(CORPUS) splits the file into partitions in file order; each partition is piped through one
`rasid extract --jobs 1` process (stdin -> stdout, one output line per input line); saveAsTextFile writes one
part file per partition. Concatenating the part files in partition order gives the output in input order,
so the check is order-preserving and byte-for-byte against `rasid extract CORPUS`: no sorting needed.
Exit status 0 when equal, 1 when not.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--rasid", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "spark"))
    args = ap.parse_args()
    rasid = os.path.abspath(args.rasid)
    corpus = os.path.abspath(args.corpus)

    direct = os.path.join(os.path.dirname(args.out), "spark-direct.jsonl")
    t0 = time.perf_counter()
    with open(corpus, "rb") as fin, open(direct, "wb") as fout:
        subprocess.run([rasid, "extract", corpus], stdout=fout, check=True)
    t_direct = time.perf_counter() - t0

    from pyspark import SparkConf, SparkContext

    conf = (SparkConf().setMaster(args.master).setAppName("rasid-pipe")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    shutil.rmtree(args.out, ignore_errors=True)
    t0 = time.perf_counter()
    lines = sc.textFile("file://" + corpus, minPartitions=args.partitions)
    # Each task runs the unchanged CLI as a JSON Lines filter; RASID_DATA points it at the bundled data.
    out = lines.pipe(rasid + " extract --jobs 1", env={"RASID_DATA": ROOT, "PATH": os.environ.get("PATH", "")})
    out.saveAsTextFile("file://" + args.out)
    t_spark = time.perf_counter() - t0
    partitions = lines.getNumPartitions()
    sc.stop()

    parts = sorted(glob.glob(os.path.join(args.out, "part-*")))
    spark_bytes = b"".join(open(p, "rb").read() for p in parts)
    direct_bytes = open(direct, "rb").read()
    same = spark_bytes == direct_bytes
    n = direct_bytes.count(b"\n")
    print("spark %s: %d partitions, %d part files, %d lines, %.2f s (direct run %.2f s); output %s the direct run's "
          "(order-preserving, byte-for-byte)" % (args.master, partitions, len(parts), spark_bytes.count(b"\n"), t_spark,
                                                 t_direct, "EQUALS" if same else "DIFFERS FROM"))
    if not same:
        a, b = spark_bytes.splitlines(), direct_bytes.splitlines()
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                print("first difference at line %d:\n spark:  %s\n direct: %s" % (i + 1, x[:300], y[:300]))
                break
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
