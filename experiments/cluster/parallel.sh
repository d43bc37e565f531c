#!/usr/bin/env bash
# Runs an experiment as N shards with GNU parallel on this machine, then merges them into OUT/merged: the
# single-machine twin of slurm-array.sh (same shard folders, same merge). Each shard trains one run at a time,
# so N is the number of cores to use. Re-running continues unfinished shards (--resume).
#
#   experiments/cluster/parallel.sh CONFIG N [OUT]
#
# Needs GNU parallel (apt-get install parallel). $ACTRUN overrides the actrun command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/common.sh"
usage_check "$0" "${1:-}" "${2:-}" || exit 2
command -v parallel > /dev/null || { echo "$0: needs GNU parallel: apt-get install parallel" >&2; exit 2; }
config="$(absolute "$1")"
n=$2
out="$(absolute "${3:-results/$(basename "$config" .yaml)-parallel}")"
actrun="$(actrun_command)"

$actrun run "$config" --dry-run --quiet --shard "1/$n" > /dev/null
mkdir -p "$out/logs"
# --halt now,fail=1: one failed shard stops the others; its folder stays resumable.
seq 1 "$n" | parallel --halt now,fail=1 -j "$n" \
  "$actrun run '$config' --shard {}/$n --out '$out/shard-{}' --resume --threads 1 --quiet --format csv > '$out/logs/shard-{}.log' 2>&1"
shards=()
for i in $(seq 1 "$n"); do shards+=("$out/shard-$i"); done
# The merged folder is made from the shards alone: a rerun replaces it (--overwrite), as the shards resume.
$actrun merge "${shards[@]}" --out "$out/merged" --overwrite
