# Sourced by scripts/fuzz-parser.sh and scripts/fuzz-json.sh: the libFuzzer run both make and
# the verdict they both give.
#
# run_fuzzer NAME BINARY SECONDS MAX_LEN DICT CORPUS SEEDS CRASHES LOG TAG
#   Runs BINARY for SECONDS over the kept CORPUS and the SEEDS (inputs up to MAX_LEN bytes, a hang
#   is over 5 s), writes findings to CRASHES and the fuzzer's output to LOG, shows the lines of
#   LOG that explain a finding (TAG is the target's own message prefix), then prints
#   "PASS  NAME: …" or "FAIL  NAME: …" with runs, coverage and corpus size, and returns non-zero
#   on a crash, a hang or a new finding.
run_fuzzer() {
    local name=$1 binary=$2 seconds=$3 max_len=$4 dict=$5 corpus=$6 seeds=$7 crashes=$8 log=$9 tag=${10}
    local marker status=0
    marker=$(mktemp)
    echo "$name: running for ${seconds}s (log: $log)"
    # Swift's own crash backtracer fights with ASan's; libFuzzer reports the crash itself.
    SWIFT_BACKTRACE=enable=no "$binary" \
        -max_len="$max_len" -timeout=5 -max_total_time="$seconds" -print_final_stats=1 \
        -dict="$dict" -artifact_prefix="$crashes/" "$corpus" "$seeds" >"$log" 2>&1 || status=$?

    grep -E "$tag:|^==[0-9]+==ERROR|^SUMMARY|Test unit written" "$log" || true
    # After a crash some of these figures are missing; the summary shows '?' for them.
    local runs coverage findings summary
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1 || true)
    coverage=$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -n 1 | awk '{print $2}')
    findings=$(find "$crashes" -type f -newer "$marker" | wc -l)
    rm -f "$marker"
    summary="${runs:-?} runs, coverage ${coverage:-?} edges, corpus $(ls "$corpus" | wc -l) inputs"
    if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
        echo "FAIL  $name: $summary, $findings new findings (exit $status)"
        echo "reproduce with: SWIFT_BACKTRACE=enable=no $binary $crashes/<file>" >&2
        return 1
    fi
    echo "PASS  $name: $summary, no findings"
}
