#!/usr/bin/env bash
# Differential fuzzing of the JSON parser against Foundation's JSONSerialization, with libFuzzer
# and AddressSanitizer, for SECONDS (default 600). Prints a PASS or FAIL line.
#
# The target (Fuzz/JSONDifferentialFuzzer) is compiled with swiftc straight from the parser's
# sources, outside SwiftPM, so it never slows `swift build`. The corpus is seeded from the RFC 8259
# conformance corpus of JSONTests (y_/n_/i_ documents) and kept between runs in
# $FUZZ_DIR/json-corpus; findings go to $FUZZ_DIR/json-crashes. Exits non-zero on a crash, a hang
# (over 5 s), or a document one parser accepts and the other refuses (beyond the deliberate
# differences listed in the target) or that both accept as different values.
#
# Usage: scripts/fuzz-json.sh [SECONDS]
# Env:   FUZZ_DIR (default .build/fuzz)
#        COUNCIL_BUILD_LOCK (default /tmp/council-build.lock; empty to compile without the lock)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
work=${FUZZ_DIR:-.build/fuzz}
lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

mkdir -p "$work/json-corpus" "$work/json-seeds" "$work/json-crashes"

echo "fuzz-json: compiling the differential fuzzer"
# ld.gold warns about every ASan helper symbol it cannot export; only real errors are shown.
if ! locked swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name JSONFuzzer \
    Sources/JSON/*.swift Fuzz/JSONDifferentialFuzzer/*.swift -o "$work/json-fuzzer" 2>"$work/json-build.log"; then
    grep -v 'ld.gold: warning' "$work/json-build.log" >&2
    echo "FAIL  fuzz-json: the fuzzer does not compile"
    exit 1
fi
if ! locked swiftc -O -module-name JSONSeedWriter \
    Tests/JSONTests/Corpus/*.swift Fuzz/JSONSeedWriter/main.swift -o "$work/json-seed-writer" \
    2>"$work/json-seeds.log"; then
    cat "$work/json-seeds.log" >&2
    echo "FAIL  fuzz-json: the seed writer does not compile"
    exit 1
fi
"$work/json-seed-writer" "$work/json-seeds"

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
echo "fuzz-json: running for ${seconds}s (log: $work/json-fuzz.log)"
# Swift's own crash backtracer fights with ASan's; libFuzzer reports the crash itself.
status=0
SWIFT_BACKTRACE=enable=no "$work/json-fuzzer" \
    -max_len=4096 -timeout=5 -max_total_time="$seconds" -print_final_stats=1 \
    -dict=Fuzz/JSONDifferentialFuzzer/json.dict -artifact_prefix="$work/json-crashes/" \
    "$work/json-corpus" "$work/json-seeds" >"$work/json-fuzz.log" 2>&1 || status=$?

grep -E 'JSONDifferentialFuzzer:|^==[0-9]+==ERROR|^SUMMARY|Test unit written' "$work/json-fuzz.log" || true
# After a crash some of these figures are missing; the summary shows '?' for them.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/json-fuzz.log" | tail -n 1 || true)
coverage=$( (grep -oE 'cov: [0-9]+' "$work/json-fuzz.log" || true) | tail -n 1 | awk '{print $2}')
findings=$(find "$work/json-crashes" -type f -newer "$marker" | wc -l)
summary="${runs:-?} runs, coverage ${coverage:-?} edges, corpus $(ls "$work/json-corpus" | wc -l) inputs"
if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
    echo "FAIL  fuzz-json: $summary, $findings new findings (exit $status)"
    echo "reproduce with: SWIFT_BACKTRACE=enable=no $work/json-fuzzer $work/json-crashes/<file>" >&2
    exit 1
fi
echo "PASS  fuzz-json: $summary, no disagreement with Foundation"
