#!/usr/bin/env python3
"""The benchmark harness that bench/run.sh calls once the binaries and the virtualenv exist.

Times, on this machine in this run: `rasid extract` (whole process, median of --runs) with --jobs 1 and 2;
ICU word breaking alone and the UTF-8 -> UTF-16 floor (bench/out/icu_floor); spaCy blank("ar") +
EntityRuler on a slice; generated gazetteers of 1,000 and 1,000,000 entries (load time cold, i.e. parsing
the lists and writing the gazetteer cache into a fresh folder, and cached; extraction time; peak RSS);
start-up with the bundled data; peak RSS on 20 MB and (with --full) 200 MB. The gazetteer cache lives in
bench/out/cache (RASID_CACHE_DIR), emptied at the start, so no figure depends on an earlier run.
Prints a table and, last, one JSON line. Writes bench/out/results.txt and bench/out/results.json.
MB means 10^6 bytes. Stdlib only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def loadavg():
    return [round(x, 2) for x in os.getloadavg()]


def cpu_pressure():
    """Share of the last 60 s in which some runnable task waited for a core (Linux PSI), or None."""
    try:
        with open("/proc/pressure/cpu") as f:
            return float(f.readline().split()[2].split("=")[1])
    except (OSError, IndexError, ValueError):
        return None


def timed(cmd, stdin_path=None, stdout_path=os.devnull, env=None):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in MB, exit status, CPU seconds)."""
    rss_file = os.path.join(OUT, ".rss")
    with open(stdin_path or os.devnull, "rb") as fin, open(stdout_path, "wb") as fout:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + cmd, stdin=fin, stdout=fout,
                           stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - t0
    with open(rss_file) as f:
        rss_kb, user, system = f.read().strip().splitlines()[-1].split()
    if p.returncode != 0:
        log("  exit %d: %s\n  %s" % (p.returncode, " ".join(cmd), p.stderr.decode(errors="replace")[-500:]))
    return wall, int(rss_kb) / 1024, p.returncode, float(user) + float(system)


def repeat(cmd, runs, stdin_path=None, label="", stdout_path=os.devnull, cold=False):
    """Median of runs. cold: each run gets a new, empty gazetteer cache folder (so it parses the sources and
    writes the cache); otherwise runs share the benchmark's cache folder (RASID_CACHE_DIR, set in main)."""
    walls, rsss, codes, cpus = [], [], set(), []
    for _ in range(runs):
        env = None
        if cold:
            env = dict(os.environ, RASID_CACHE_DIR=tempfile.mkdtemp(prefix="rasid-bench-cold-"))
        w, r, c, u = timed(cmd, stdin_path, stdout_path, env)
        if cold:
            shutil.rmtree(env["RASID_CACHE_DIR"], ignore_errors=True)
        walls.append(w); rsss.append(r); codes.add(c); cpus.append(u)
    med = statistics.median(walls)
    log("  %-38s median %.3f s (min %.3f, max %.3f), CPU %.2f s, peak RSS %.1f MB"
        % (label, med, min(walls), max(walls), statistics.median(cpus), max(rsss)))
    return {"median_s": med, "min_s": min(walls), "max_s": max(walls), "cpu_s": statistics.median(cpus), "runs": runs,
            "peak_rss_mb": max(rsss), "exit": sorted(codes)}


def make_corpus(size, texts=True):
    name = "corpus-%g" % size
    path = os.path.join(OUT, name + ".jsonl")
    tpath = os.path.join(OUT, name + ".texts")
    spath = os.path.join(OUT, name + ".stats.json")
    script = os.path.join(HERE, "make_corpus.py")
    fresh = os.path.exists(spath) and os.path.getmtime(spath) > os.path.getmtime(script)
    if not fresh:
        log("corpus: generating %g MB ..." % size)
        cmd = [sys.executable, script, "--size-mb", str(size), "-o", path]
        if texts:
            cmd += ["--texts", tpath]
        stats = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with open(spath, "w") as f:
            f.write(stats)
    with open(spath) as f:
        stats = json.load(f)
    stats.update(path=path, texts=tpath)
    return stats


def make_gazetteer(n):
    folder = os.path.join(OUT, "gaz-%d" % n)
    script = os.path.join(HERE, "make_corpus.py")
    marker = os.path.join(folder, ".done")
    if not (os.path.exists(marker) and os.path.getmtime(marker) > os.path.getmtime(script)):
        log("gazetteer: generating %d entries ..." % n)
        subprocess.run([sys.executable, script, "--gazetteer", str(n), "-o", folder], check=True, capture_output=True)
        open(marker, "w").close()
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)
    return folder, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=float, default=20)
    ap.add_argument("--full", action="store_true", help="also peak RSS on a 200 MB corpus")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rasid", default=os.path.join(ROOT, ".build-bench/release/rasid"))
    ap.add_argument("--python", default=os.path.join(HERE, ".venv/bin/python"), help="the venv with spaCy")
    ap.add_argument("--spacy-slice", type=float, default=2)
    ap.add_argument("--data", help="folder with gazetteers/ and rules/ (RASID_DATA; default: the working tree)")
    ap.add_argument("--report-only", action="store_true", help="redraw the table from bench/out/results.json")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if args.data:
        os.environ["RASID_DATA"] = os.path.abspath(args.data)
    # The gazetteer cache's state must be known, never the user's: a fresh folder for this run, filled by
    # the first run of each data set (cold), then read by the others (cached).
    cache_dir = os.path.join(OUT, "cache")
    shutil.rmtree(cache_dir, ignore_errors=True)
    os.environ["RASID_CACHE_DIR"] = cache_dir
    if args.report_only:
        with open(os.path.join(OUT, "results.json")) as f:
            R = json.load(f)
        args.size = float(next(k for k in R["rss"] if k != "200"))
        return report(R, args)
    rasid = args.rasid
    R = {"machine": {"cores": os.cpu_count(), "loadavg_start": loadavg(), "cpu_pressure_start": cpu_pressure(),
                     "uname": " ".join(os.uname()[2:5])}}
    try:
        R["machine"]["cpu"] = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except Exception:
        pass

    corpus = make_corpus(args.size)
    R["corpus"] = {k: corpus[k] for k in ("documents", "bytes", "text_bytes", "vocabulary")}
    log("corpus: %(documents)d documents, %(bytes)d bytes, vocabulary %(vocabulary)d distinct words" % corpus)
    empty = os.path.join(OUT, "empty.jsonl"); open(empty, "w").close()
    one = os.path.join(OUT, "one.jsonl")
    with open(corpus["path"], "rb") as f, open(one, "wb") as g:
        g.write(f.readline())

    # The limit: ICU alone, in-process, median of runs.
    log("ICU floor ...")
    icu = json.loads(subprocess.run([os.path.join(OUT, "icu_floor"), corpus["texts"], str(max(args.runs, 5))],
                                    check=True, capture_output=True, text=True).stdout)
    R["icu"] = icu
    log("  convert %.1f MB/s, convert+break %.1f MB/s, %d words" % (icu["convert_mb_s"], icu["break_mb_s"], icu["words"]))

    # Rasid, bundled data.
    log("rasid extract (bundled data), loadavg %s" % loadavg())
    R["load_bundled_cold"] = repeat([rasid, "extract", "--jobs", "1"], 3, one, "load, cold (fresh cache folder each run)", cold=True)
    timed([rasid, "extract"], empty)  # writes the bundled data's cache: what follows reads it
    R["startup"] = repeat([rasid, "extract"], 11, empty, "start-up (empty input, default jobs)")
    R["load_bundled"] = repeat([rasid, "extract", "--jobs", "1"], 5, one, "load (one-line input, --jobs 1)")
    jobs, outs = {}, []
    for j in (1, 2):
        # Output to a file (page cache), as a user would; the files then show the output is the same for every N.
        p = os.path.join(OUT, "extract-jobs%d.jsonl" % j)
        jobs[j] = repeat([rasid, "extract", "--jobs", str(j), corpus["path"]], args.runs, None, "extract --jobs %d" % j, p)
        jobs[j]["loadavg_after"] = loadavg()
        outs.append(open(p, "rb").read())
    R["jobs_identical"] = outs[0] == outs[1]
    ents = rels = 0
    for line in outs[0].splitlines():
        d = json.loads(line)
        ents += len(d.get("entities", [])); rels += len(d.get("relations", []))
    R["output"] = {"entities": ents, "relations": rels}
    del outs
    R["extract"] = {str(j): jobs[j] for j in jobs}

    # The gazetteer stage alone (the bundled gazetteers, no rules): the same job the peer does.
    data = os.environ.get("RASID_DATA", ROOT)
    R["gazetteer_stage"] = repeat([rasid, "extract", "--no-bundled", "--gazetteers", os.path.join(data, "gazetteers"),
                                   "--jobs", "1", corpus["path"]], args.runs, None, "extract, gazetteers only, --jobs 1")

    # The peer.
    log("spaCy peer on a %g MB slice, loadavg %s" % (args.spacy_slice, loadavg()))
    if os.path.exists(args.python):
        sp = subprocess.run([args.python, os.path.join(HERE, "spacy_peer.py"), corpus["path"], "--gazetteers",
                             os.path.join(data, "gazetteers"), "--slice-mb", str(args.spacy_slice)],
                            capture_output=True, text=True)
        if sp.returncode == 0:
            R["spacy"] = json.loads(sp.stdout.strip().splitlines()[-1])
            log("  %(mb_s).3f MB/s (%(documents)d documents, %(patterns)d patterns, load %(load_s)s s)" % R["spacy"])
        else:
            log(sp.stderr[-1000:])
    else:
        log("  no venv at %s: skipped" % args.python)

    # Gazetteers of 1k and 1M generated entries, without the bundled data.
    gz = {}
    for n in (1000, 1000000):
        folder, size = make_gazetteer(n)
        base = [rasid, "extract", "--no-bundled", "--gazetteers", folder, "--jobs", "1"]
        log("gazetteer %d entries (%.1f MB of files), loadavg %s" % (n, size / 1e6, loadavg()))
        g = {"entries": n, "file_mb": size / 1e6}
        g["load_cold"] = repeat(base, 5 if n < 100000 else 3, one, "load, cold (parse + write the cache)", cold=True)
        timed(base, one)  # writes this gazetteer's cache: the load and extraction below read it
        g["load"] = repeat(base, 5 if n < 100000 else 3, one, "load, cached (one-line input)")
        g["extract"] = repeat(base + [corpus["path"]], 3, None, "extract --jobs 1")
        g["net_extract_s"] = g["extract"]["median_s"] - g["load"]["median_s"]
        g["net_extract_cpu_s"] = g["extract"]["cpu_s"] - g["load"]["cpu_s"]  # steadier when the cores are shared
        gz[str(n)] = g
    R["gazetteers"] = gz

    # Memory as input grows.
    R["rss"] = {"%g" % args.size: jobs[2]["peak_rss_mb"]}
    if args.full:
        big = make_corpus(200, texts=False)
        log("200 MB corpus: %d documents; loadavg %s" % (big["documents"], loadavg()))
        r = repeat([rasid, "extract", "--jobs", "2", big["path"]], 1, None, "extract --jobs 2 (200 MB)")
        R["rss"]["200"] = r["peak_rss_mb"]
        R["extract_200"] = r
    R["machine"]["loadavg_end"] = loadavg()
    R["machine"]["cpu_pressure_end"] = cpu_pressure()
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(R, f, indent=1)  # raw figures first: --report-only redraws the table from them
    report(R, args)


def report(R, args):
    c, icu = R["corpus"], R["icu"]
    j1, j2 = R["extract"]["1"], R["extract"]["2"]
    mb = c["bytes"] / 1e6
    tb = c["text_bytes"] / 1e6
    rate1, rate2 = mb / j1["median_s"], mb / j2["median_s"]
    text_rate1 = tb / j1["median_s"]
    words_s = icu["words"] / j1["median_s"]
    ratio_icu = text_rate1 / icu["break_mb_s"]
    # The same on CPU time: fair when other work shares the cores (single-threaded, CPU = wall when idle).
    ratio_icu_cpu = (tb / j1["cpu_s"]) / icu["break_cpu_mb_s"]
    sp = R.get("spacy")
    ratio_spacy = rate1 / sp["mb_s"] if sp else None
    ratio_spacy_cpu = (mb / j1["cpu_s"]) / sp["cpu_mb_s"] if sp else None
    gs = R.get("gazetteer_stage")
    gaz_rate = mb / gs["median_s"] if gs else None
    ratio_spacy_gaz = gaz_rate / sp["mb_s"] if sp and gs else None
    ratio_spacy_gaz_cpu = (mb / gs["cpu_s"]) / sp["cpu_mb_s"] if sp and gs else None
    g1, gm = R["gazetteers"]["1000"], R["gazetteers"]["1000000"]
    gz_ratio = gm["extract"]["median_s"] / g1["extract"]["median_s"]
    n1, nm = g1.get("net_extract_cpu_s", g1["net_extract_s"]), gm.get("net_extract_cpu_s", gm["net_extract_s"])
    gz_net_ratio = nm / n1 if n1 > 0 else None
    speedup = j1["median_s"] / j2["median_s"]
    rss_ratio = R["rss"]["200"] / R["rss"]["%g" % args.size] if "200" in R["rss"] else None
    start_ms = R["startup"]["median_s"] * 1000

    def ok(cond):
        return "n/a" if cond is None else ("met" if cond else "MISSED")

    def cold(g):  # results from before the cache have no cold load
        return ("%.3f s" % g["load_cold"]["median_s"]) if "load_cold" in g else "n/a"

    rows = [
        ("corpus", "%d docs, %.1f MB JSONL (%.1f MB text), %d distinct words" % (c["documents"], mb, tb, c["vocabulary"]), "", ""),
        ("UTF-8 -> UTF-16 floor", "%.1f MB/s" % icu["convert_mb_s"], "", ""),
        ("ICU word breaking (+conversion)", "%.1f MB/s, %.2f M words/s (on CPU time: %.1f MB/s)" % (icu["break_mb_s"], icu["words"] / icu["break_s"] / 1e6, icu["break_cpu_mb_s"]), "", ""),
        ("rasid extract --jobs 1", "%.2f MB/s JSONL (%.2f MB/s text), %.2f M words/s; %.3f s wall, %.3f s CPU" % (rate1, text_rate1, words_s / 1e6, j1["median_s"], j1["cpu_s"]), "", ""),
        ("  / ICU word breaking", "%.3fx (on CPU time %.3fx)" % (ratio_icu, ratio_icu_cpu), ">= 0.40x", ok(ratio_icu >= 0.40)),
        ("spaCy blank('ar') + EntityRuler", ("%.3f MB/s (%.1f MB slice, %.1f s; %d patterns, load %.2f s)" % (sp["mb_s"], sp["bytes"] / 1e6, sp["seconds"], sp["patterns"], sp["load_s"])) if sp else "skipped", "", ""),
        ("  rasid (rules and relations) / spaCy", ("%.2fx (on CPU time %.2fx)" % (ratio_spacy, ratio_spacy_cpu)) if sp else "n/a", ">= 30x", ok(ratio_spacy >= 30 if sp else None)),
        ("rasid extract, gazetteers only --jobs 1", ("%.2f MB/s; %.3f s wall, %.3f s CPU" % (gaz_rate, gs["median_s"], gs["cpu_s"])) if gs else "n/a", "", ""),
        ("  same job / spaCy", ("%.2fx (on CPU time %.2fx)" % (ratio_spacy_gaz, ratio_spacy_gaz_cpu)) if ratio_spacy_gaz else "n/a", ">= 30x", ok(ratio_spacy_gaz >= 30 if ratio_spacy_gaz else None)),
        ("rasid extract --jobs 2", "%.2f MB/s; %.3f s wall, %.3f s CPU; speed-up %.2fx" % (rate2, j2["median_s"], j2["cpu_s"], speedup), ">= 1.8x", ok(speedup >= 1.8)),
        ("  output identical for jobs 1 and 2", "%s (%d entities, %d relations)" % (R["jobs_identical"], R["output"]["entities"], R["output"]["relations"]), "", ""),
        ("gazetteer 1k: load cold / cached", "%s / %.3f s" % (cold(g1), g1["load"]["median_s"]), "", ""),
        ("gazetteer 1k: extract (cached)", "%.3f s (RSS %.0f MB)" % (g1["extract"]["median_s"], g1["extract"]["peak_rss_mb"]), "", ""),
        ("gazetteer 1M: load cold / cached", "%s / %.3f s (RSS %s / %.0f MB)" % (cold(gm), gm["load"]["median_s"], ("%.0f" % gm["load_cold"]["peak_rss_mb"]) if "load_cold" in gm else "n/a", gm["load"]["peak_rss_mb"]), "cached <= 1 s", ok(gm["load"]["median_s"] <= 1.0)),
        ("gazetteer 1M: extract (cached)", "%.3f s (RSS %.0f MB)" % (gm["extract"]["median_s"], gm["extract"]["peak_rss_mb"]), "", ""),
        ("  1M / 1k extraction time", "%.2fx whole process, %s net of load (CPU)" % (gz_ratio, ("%.2fx" % gz_net_ratio) if gz_net_ratio else "n/a"), "<= 1.2x", ok(gz_ratio <= 1.2)),
        ("start-up, bundled data (empty input)", "%.1f ms (load on one line, --jobs 1: %.1f ms; cold %s)" % (start_ms, R["load_bundled"]["median_s"] * 1000, ("%.1f ms" % (R["load_bundled_cold"]["median_s"] * 1000)) if "load_bundled_cold" in R else "n/a"), "<= 100 ms", ok(start_ms <= 100)),
        ("peak RSS %g MB / 200 MB (--jobs 2)" % args.size, "%.1f MB / %s" % (R["rss"]["%g" % args.size], ("%.1f MB" % R["rss"]["200"]) if "200" in R["rss"] else "not run (use --full)"), "<= 1.1x", ok(rss_ratio <= 1.1 if rss_ratio else None)),
        ("machine", "%s cores %s; loadavg start %s, end %s; CPU pressure (PSI some avg60) %s%% -> %s%%" % (R["machine"]["cores"], R["machine"].get("cpu", ""), R["machine"]["loadavg_start"], R["machine"]["loadavg_end"], R["machine"]["cpu_pressure_start"], R["machine"]["cpu_pressure_end"]), "", ""),
    ]
    w0 = max(len(r[0]) for r in rows); w1 = max(len(r[1]) for r in rows); w2 = max(len(r[2]) for r in rows)
    lines = ["%-*s  %-*s  %-*s  %s" % (w0, "measure", w1, "measured", w2, "target", "")]
    lines += ["%-*s  %-*s  %-*s  %s" % (w0, a, w1, b, w2, t, s) for a, b, t, s in rows]
    summary = {
        "mb_s": round(rate1, 3), "mb_s_jobs2": round(rate2, 3), "words_s": round(words_s), "ratio_icu": round(ratio_icu, 4), "ratio_icu_cpu": round(ratio_icu_cpu, 4),
        "ratio_spacy": round(ratio_spacy, 2) if sp else None,
        "gazetteer_stage_mb_s": round(gaz_rate, 3) if gaz_rate else None, "ratio_spacy_gazetteer_stage": round(ratio_spacy_gaz, 2) if ratio_spacy_gaz else None, "ratio_spacy_cpu": round(ratio_spacy_cpu, 2) if sp else None, "jobs2_speedup": round(speedup, 3),
        "icu_break_mb_s": icu["break_mb_s"], "utf16_mb_s": icu["convert_mb_s"], "spacy_mb_s": sp["mb_s"] if sp else None,
        "peak_rss_mb": {k: round(v, 1) for k, v in R["rss"].items()},
        "load_s": {"bundled": round(R["load_bundled"]["median_s"], 4), "gaz_1k": round(g1["load"]["median_s"], 4),
                   "gaz_1m": round(gm["load"]["median_s"], 4),
                   "gaz_1m_cold": round(gm["load_cold"]["median_s"], 4) if "load_cold" in gm else None},
        "startup_ms": round(start_ms, 1), "gaz_1m_over_1k": round(gz_ratio, 3), "gaz_1m_over_1k_net": round(gz_net_ratio, 3) if gz_net_ratio else None,
        "peak_rss_gaz_mb": {"1k": round(g1["extract"]["peak_rss_mb"], 1), "1m": round(gm["extract"]["peak_rss_mb"], 1)},
        "vocabulary": c["vocabulary"], "corpus_mb": round(mb, 2), "jobs_identical": R["jobs_identical"],
        "loadavg": [R["machine"]["loadavg_start"], R["machine"]["loadavg_end"]],
        "cpu_pressure_pct": [R["machine"]["cpu_pressure_start"], R["machine"]["cpu_pressure_end"]],
    }
    R["summary"] = summary
    text = "\n".join(lines)
    with open(os.path.join(OUT, "results.txt"), "w") as f:
        f.write(text + "\n" + json.dumps(summary) + "\n")
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(R, f, indent=1)
    print(text)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
