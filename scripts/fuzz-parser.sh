#!/usr/bin/env bash
# Fuzzes the HTTP request parser with libFuzzer and AddressSanitizer for SECONDS (default 600).
#
# The target (Fuzz/ParserFuzzer) is compiled with swiftc straight from the parser's sources,
# outside SwiftPM, so it never slows `swift build`. The corpus is seeded from the malformed and
# well-formed corpora of HTTPServerTests and kept between runs in $FUZZ_DIR/corpus; inputs that
# crash go to $FUZZ_DIR/crashes. Exits non-zero when the fuzzer finds a crash, a hang (over 5 s)
# or a disagreement between reads split differently.
#
# Usage: scripts/fuzz-parser.sh [SECONDS]
# Env:   FUZZ_DIR (default .build/fuzz)
#        COUNCIL_BUILD_LOCK (default /tmp/council-build.lock; empty to compile without the lock)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
work=${FUZZ_DIR:-.build/fuzz}
lock=${COUNCIL_BUILD_LOCK-/tmp/council-build.lock}
locked() { if [ -n "$lock" ] && command -v flock >/dev/null; then flock -o "$lock" "$@"; else "$@"; fi; }

mkdir -p "$work/corpus" "$work/seeds" "$work/crashes"
parser_sources=(Sources/HTTPServer/Parsing/*.swift Sources/HTTPServer/Message/*.swift)

echo "fuzz: compiling the parser fuzzer"
# ld.gold warns about every ASan helper symbol it cannot export; only real errors are shown.
if ! locked swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ParserFuzzer \
    "${parser_sources[@]}" Fuzz/ParserFuzzer/*.swift -o "$work/parser-fuzzer" 2>"$work/build.log"; then
    grep -v 'ld.gold: warning' "$work/build.log" >&2
    exit 1
fi
if ! locked swiftc -O -module-name SeedWriter \
    Tests/HTTPServerTests/Corpus/*.swift Fuzz/SeedWriter/main.swift -o "$work/seed-writer" 2>"$work/seeds.log"; then
    cat "$work/seeds.log" >&2
    exit 1
fi
"$work/seed-writer" "$work/seeds"

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
echo "fuzz: running for ${seconds}s (log: $work/fuzz.log)"
# Swift's own crash backtracer fights with ASan's; libFuzzer reports the crash itself.
status=0
SWIFT_BACKTRACE=enable=no "$work/parser-fuzzer" \
    -max_len=16384 -timeout=5 -max_total_time="$seconds" -print_final_stats=1 \
    -dict=Fuzz/ParserFuzzer/http.dict -artifact_prefix="$work/crashes/" \
    "$work/corpus" "$work/seeds" >"$work/fuzz.log" 2>&1 || status=$?

grep -E 'ParserFuzzer:|^==[0-9]+==ERROR|^SUMMARY|Test unit written' "$work/fuzz.log" || true
# After a crash some of these figures are missing; the summary shows '?' for them.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1 || true)
elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$work/fuzz.log" | tail -n 1 || true)
coverage=$( (grep -oE 'cov: [0-9]+' "$work/fuzz.log" || true) | tail -n 1 | awk '{print $2}')
crashes=$(find "$work/crashes" -type f -newer "$marker" | wc -l)
echo "fuzz: ${runs:-?} runs in ${elapsed:-?}s, coverage ${coverage:-?} edges, corpus $(ls "$work/corpus" | wc -l) inputs, $crashes new crash inputs (exit $status)"
if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    echo "fuzz: FAILED; reproduce with: SWIFT_BACKTRACE=enable=no $work/parser-fuzzer $work/crashes/<file>" >&2
    exit 1
fi
