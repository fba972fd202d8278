#!/usr/bin/env bash
# Checks that every source path a Dockerfile COPYs or ADDs from the build context exists, since
# Docker itself does not run on our machines. Sources copied --from another stage are skipped.
set -euo pipefail
dockerfile=${1:-Dockerfile}
cd "$(dirname "$dockerfile")"
status=0
checked=0
while read -r instruction rest; do
    case "${instruction^^}" in COPY | ADD) ;; *) continue ;; esac
    [[ "$rest" == *"--from="* ]] && continue
    # Drop flags such as --chown=…, keep the sources (every word but the last, the destination).
    read -r -a words <<<"$(sed -E 's/--[a-z]+=[^ ]+//g' <<<"$rest")"
    for ((i = 0; i < ${#words[@]} - 1; i++)); do
        src=${words[$i]}
        checked=$((checked + 1))
        if compgen -G "$src" >/dev/null; then
            echo "ok: $src"
        else
            echo "missing: $src (in: $instruction $rest)" >&2
            status=1
        fi
    done
done < <(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$(basename "$dockerfile")")
[ "$checked" -gt 0 ] || { echo "no COPY found in $dockerfile" >&2; exit 1; }
exit $status
