#!/usr/bin/env python3
"""Run the stancegraph extractor as a Spark mapper (local mode).

usage: extract.py --binary BIN --input ARTICLES.jsonl --output DIR [--partitions N] [--master local[2]]
                  [--format nquads|json] [-- extra stream args]

Each partition of the JSON Lines input is piped through `stancegraph stream`
(RDD.pipe), which writes one result per record; the results are saved as text
part files under DIR. Cross-article steps run afterwards over the merged
output (`stancegraph ingest --nquads`).
"""
import argparse
import os
import shlex
import sys

from pyspark import SparkConf, SparkContext


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--format", default="nquads", choices=["nquads", "json"])
    a = ap.parse_args(argv)
    conf = (SparkConf().setMaster(a.master).setAppName("stancegraph-extract")
            .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        cmd = [os.path.abspath(a.binary), "stream", "--format", a.format] + extra
        lines = sc.textFile(os.path.abspath(a.input), minPartitions=a.partitions)
        out = lines.pipe(" ".join(shlex.quote(c) for c in cmd), env={"STANCEGRAPH_JOBS": "1"})
        out.saveAsTextFile(os.path.abspath(a.output))
        print(f"extract: {lines.getNumPartitions()} partitions -> {a.output}", file=sys.stderr)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
