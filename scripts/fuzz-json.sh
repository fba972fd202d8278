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

source scripts/libfuzzer.sh
run_fuzzer fuzz-json "$work/json-fuzzer" "$seconds" 4096 Fuzz/JSONDifferentialFuzzer/json.dict \
    "$work/json-corpus" "$work/json-seeds" "$work/json-crashes" "$work/json-fuzz.log" JSONDifferentialFuzzer
