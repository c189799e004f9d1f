#!/usr/bin/env python3
"""The peer: spaCy 3.8 blank("ar") + EntityRuler holding the same gazetteer as phrase patterns.

    bench/.venv/bin/python bench/spacy_peer.py CORPUS.jsonl [--slice-mb 2] [--gazetteers DIR ...]

Every form of every entry in gazetteers/**/*.lst (the bundled folder, or the folders given) becomes a
phrase pattern whose label is the entry's type (the folder name upper-cased, or the file's `#@ type`).
spaCy matches the exact token text (ORTH): it does not fold hamza forms or split clitics as Rasid does, so
it does the lesser job; that favours spaCy in the comparison. Runs nlp.pipe (one process, batch 256) over
the first --slice-mb of the corpus's documents and prints one JSON line: patterns, load time, time and
MB/s (10^6 bytes of JSON Lines input, as for Rasid), wall and CPU, and entities found.
"""
import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def patterns_from(folder):
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".lst"):
                continue
            path = os.path.join(dirpath, name)
            label = os.path.basename(os.path.dirname(path)).upper()
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.rstrip("\n")
                    if line.startswith("#@"):
                        key, _, value = line[2:].partition("=")
                        if key.strip() == "type":
                            label = value.strip()
                        continue
                    if not line.strip() or line.startswith("#"):
                        continue
                    for form in line.split("\t")[0].split("|"):
                        if form.strip():
                            out.append({"label": label, "pattern": form.strip()})
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--slice-mb", type=float, default=2)
    p.add_argument("--gazetteers", action="append")
    args = p.parse_args()

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    patterns = []
    for folder in args.gazetteers or [os.path.join(ROOT, "gazetteers")]:
        patterns += patterns_from(folder)
    ruler.add_patterns(patterns)
    load = time.perf_counter() - t0

    limit = int(args.slice_mb * 1_000_000)
    texts, nbytes = [], 0
    with open(args.corpus, "rb") as f:
        for raw in f:
            if nbytes >= limit:
                break
            nbytes += len(raw)
            texts.append(json.loads(raw)["text"])

    t0, c0 = time.perf_counter(), time.process_time()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=256):
        entities += len(doc.ents)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"spacy": spacy.__version__, "patterns": len(patterns), "load_s": round(load, 3),
                      "documents": len(texts), "bytes": nbytes, "seconds": round(elapsed, 3),
                      "mb_s": round(nbytes / elapsed / 1e6, 3), "cpu_s": round(cpu, 3),
                      "cpu_mb_s": round(nbytes / cpu / 1e6, 3), "entities": entities}))


if __name__ == "__main__":
    sys.exit(main())
