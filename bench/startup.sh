#!/usr/bin/env bash
# Start-up cost of actrun against another commit, in paired launches.
#
# Publishes this checkout and BASE_REF (ReadyToRun, as 'dotnet publish' makes them), then, for each command line,
# launches both builds once per round (the order alternating) and records the CPU time (user + system) of each
# launch. The host's speed drifts over minutes by more than the differences looked for, so the script compares
# within rounds: it prints each build's median and the median of the per-round differences (this checkout - base)
# with a 95% confidence interval from the order statistics of the differences (the sign test's interval).
#
# Usage: bench/startup.sh BASE_REF [ROUNDS]          e.g. bench/startup.sh 4a986bb 300
#   COMMANDS  command lines to time, separated by ';' (default: "--help;compare --help;run --help")
# Output goes to stdout; the builds' progress to stderr. The temporary worktree and builds are removed at the end.
set -euo pipefail

base_ref=${1:?usage: bench/startup.sh BASE_REF [ROUNDS]}
rounds=${2:-200}
IFS=';' read -r -a commands <<< "${COMMANDS:---help;compare --help;run --help}"
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cleanup() {
    git -C "$repo" worktree remove --force "$work/base" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach --quiet "$work/base" "$base_ref"
echo "publishing $base_ref and this checkout ..." >&2
dotnet publish "$work/base/src/ActRun" -c Release -o "$work/pub-base" -v q >&2
dotnet publish "$repo/src/ActRun" -c Release -o "$work/pub-head" -v q >&2
# A build server left running competes with the launches for the two cores.
dotnet build-server shutdown > /dev/null 2>&1 || true

cpu_ms() {  # CPU milliseconds of one launch: $1 the binary, the rest its arguments
    local TIMEFORMAT='%3U %3S' t
    t=$( { time "$@" > /dev/null 2>&1; } 2>&1 )
    awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.1f\n", (a[1] + a[2]) * 1000 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; date: $(date -u +%F); base $base_ref ($(git -C "$repo" rev-parse --short "$base_ref")), head $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' + uncommitted changes')"
for command in "${commands[@]}"; do
    read -r -a argv <<< "$command"
    : > "$work/pairs"
    for ((i = 0; i < rounds; i++)); do
        if ((i % 2 == 0)); then
            b=$(cpu_ms "$work/pub-base/actrun" "${argv[@]}"); h=$(cpu_ms "$work/pub-head/actrun" "${argv[@]}")
        else
            h=$(cpu_ms "$work/pub-head/actrun" "${argv[@]}"); b=$(cpu_ms "$work/pub-base/actrun" "${argv[@]}")
        fi
        echo "$b $h" >> "$work/pairs"
    done
    mb=$(awk '{ print $1 }' "$work/pairs" | median)
    mh=$(awk '{ print $2 }' "$work/pairs" | median)
    awk '{ print $2 - $1 }' "$work/pairs" | sort -g | awk -v cmd="actrun $command" -v mb="$mb" -v mh="$mh" '
        { d[NR] = $1 }
        END {
            n = NR; k = int(n / 2 - 1.96 * sqrt(n) / 2); if (k < 1) k = 1
            med = n % 2 ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
            printf "%-24s base %6.1f ms, head %6.1f ms CPU (medians); head - base %+5.1f ms (95%% CI %+.1f to %+.1f), %d rounds\n", cmd, mb, mh, med, d[k], d[n + 1 - k], n
        }'
done
