#!/usr/bin/env python3
"""Score predictions against gold with nervaluate, the reference for `rasid eval`'s entity scores.

Usage: nervaluate_check.py GOLD.jsonl PRED.jsonl [TYPE ...]

Both files are ANNOTATION.md JSON Lines ({"id", "entities": [{"start", "end", "type"}]}); documents
are paired by id, a gold document without a prediction predicts nothing. TYPEs default to Rasid's five.
Prints {"overall": {scheme: figures}, "entities": {type: {scheme: figures}}} as JSON, figures being
correct, incorrect, partial, missed, spurious, possible, actual, precision, recall, f1.
"""
import json
import sys
from dataclasses import asdict
from importlib.metadata import version

from nervaluate import Evaluator

TYPES = ["PERSON", "TITLE", "PARTY", "PLACE", "ORG"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def spans(document):
    # ANNOTATION.md's `end` is exclusive; nervaluate's is inclusive (its overlap arithmetic adds 1).
    return [{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in document.get("entities", [])]


def figures(result):
    d = asdict(result)
    return {k: d[k] for k in ("correct", "incorrect", "partial", "missed", "spurious",
                              "possible", "actual", "precision", "recall", "f1")}


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    gold = read(argv[1])
    predicted = {}
    for document in read(argv[2]):
        predicted.setdefault(str(document["id"]), document)
    tags = argv[3:] or TYPES
    true = [spans(g) for g in gold]
    pred = [spans(predicted.get(str(g["id"]), {})) for g in gold]
    # loader="dict" explicitly: nervaluate guesses the loader from true[0][0], which fails on an empty first document.
    results = Evaluator(true, pred, tags=tags, loader="dict").evaluate()
    out = {
        "nervaluate": version("nervaluate"),
        "overall": {scheme: figures(r) for scheme, r in results["overall"].items()},
        "entities": {tag: {scheme: figures(r) for scheme, r in by_scheme.items()}
                     for tag, by_scheme in results["entities"].items()},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv)
