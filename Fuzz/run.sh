#!/usr/bin/env bash
# Fuzz/run.sh SECONDS [libFuzzer flags…]: builds the libFuzzer target over `rasid extract`'s entry
# point and runs it for SECONDS (default 60). Exits non-zero when the fuzzer finds a crash, a leak,
# a stall (one input over -timeout) or a broken output contract; the input is saved under
# .build-fuzz/artifacts/ (reproduce: .build-fuzz/rasid-fuzz .build-fuzz/artifacts/crash-…).
#
# How it is built (see DESIGN.md "Fuzzing and browsers here"): SwiftPM compiles the library
# targets with coverage and ASan (`-sanitize=fuzzer,address`; `--target Rasid` builds no
# executable, so SwiftPM's renaming of `main` never meets libFuzzer's), then `swiftc
# -sanitize=fuzzer,address -parse-as-library` links the harness against their objects and ICU.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
scratch="${RASID_FUZZ_SCRATCH:-$PWD/.build-fuzz}"

swift build -c release --scratch-path "$scratch" --target Rasid -Xswiftc -sanitize=fuzzer,address
bin="$scratch/release"
modules="$bin/Modules"
[ -d "$modules" ] || modules="$bin"
# The objects of this build, from SwiftPM's own file maps (a stale object of a deleted source file
# left in the scratch folder must not be linked).
objects=()
while IFS= read -r o; do objects+=("$o"); done < <(python3 -c '
import json, sys
for m in sys.argv[1:]:
    for src, out in json.load(open(m)).items():
        if src and "object" in out: print(out["object"])
' "$bin/RasidICU.build/output-file-map.json" "$bin/Rasid.build/output-file-map.json")
swiftc -sanitize=fuzzer,address -parse-as-library -O \
  -I "$modules" \
  Fuzz/RasidFuzz.swift "${objects[@]}" \
  $(pkg-config --libs icu-uc icu-i18n) \
  -o "$scratch/rasid-fuzz"

# The corpus libFuzzer grows lives in the scratch folder; Fuzz/corpus holds the checked-in seeds.
mkdir -p "$scratch/corpus" "$scratch/artifacts"
export RASID_DATA="$PWD"
# Swift's own crash backtracer and ASan both trap the crash; let ASan alone report it.
export SWIFT_BACKTRACE=enable=no
# LeakSanitizer misreads Swift's tagged pointers in what the pipeline loads once (see the file).
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# -timeout: one input taking longer is a stall, reported as a failure (30 s is far above the
# milliseconds a line takes, even with ASan). -max_len keeps the eval articles whole.
"$scratch/rasid-fuzz" \
  -max_total_time="$seconds" -timeout=30 -max_len=16384 -rss_limit_mb=4096 \
  -dict=Fuzz/rasid.dict -artifact_prefix="$scratch/artifacts/" -print_final_stats=1 \
  "$@" "$scratch/corpus" Fuzz/corpus
