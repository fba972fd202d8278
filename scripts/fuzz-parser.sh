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
# The message types import JSON (problem bodies): it is built first as a static library with
# the same instrumentation, then linked.
json_module="$work/json-module"
mkdir -p "$json_module"
if ! locked swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name JSON \
    -emit-module -emit-module-path "$json_module/JSON.swiftmodule" -emit-library -static \
    -o "$json_module/libJSON.a" Sources/JSON/*.swift 2>"$work/build.log"; then
    cat "$work/build.log" >&2
    exit 1
fi
# ld.gold warns about every ASan helper symbol it cannot export; only real errors are shown.
if ! locked swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ParserFuzzer \
    -I "$json_module" -L "$json_module" -lJSON \
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

source scripts/libfuzzer.sh
run_fuzzer fuzz "$work/parser-fuzzer" "$seconds" 16384 Fuzz/ParserFuzzer/http.dict \
    "$work/corpus" "$work/seeds" "$work/crashes" "$work/fuzz.log" ParserFuzzer
