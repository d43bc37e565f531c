#!/usr/bin/env bash
# What the default diagnostics cost (issue 19, point 3): `actrun compare` on full MNIST with plain SGD, with its
# default per-layer diagnostics and with --no-diagnostics, back to back in each pass (so both see the same machine
# load), at the headline (784-128-10, batch 64) and at batch 256 x hidden 1024. The table gives the ratio
# (with diagnostics / without) of the median epoch time over epochs 2..N (training only: the diagnostics' probe
# after each epoch is outside epoch_seconds, and is listed separately as the whole process's extra wall time).
#
# Usage: bench/diagnostics-cost.sh [DATA_DIR]
#   DATA_DIR   folder holding mnist/ (default: $ACTRUN_DATA_DIR, else /work/shared/data)
# Environment: PASSES (default 3), EPOCHS (default 4), ACTRUN_THREADS (default: every core), ACTRUN (a built actrun).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${1:-${ACTRUN_DATA_DIR:-/work/shared/data}}
passes=${PASSES:-3}
epochs=${EPOCHS:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n ${ACTRUN:-} ]]; then
  actrun=$ACTRUN
else
  echo "# building actrun (Release, published) ..." >&2
  dotnet publish "$root/src/ActRun" -c Release -o "$work/actrun" -nologo -v quiet >&2
  actrun=$work/actrun/actrun
fi
threads=()
[[ -n ${ACTRUN_THREADS:-} ]] && threads=(--threads "$ACTRUN_THREADS")

median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# cell BATCH HIDDEN [options] -> "median_epoch_seconds wall_seconds"
cell() {
  local out=$work/run-$RANDOM$RANDOM start end
  start=$(date +%s.%N)
  "$actrun" compare --activations relu --dataset mnist --data-dir "$data" --epochs "$epochs" --batch-size "$1" --hidden "$2" \
    --optimizer sgd --lr 0.1 --validation-fraction 0 --out "$out" --no-plots --quiet "${threads[@]}" "${@:3}" >/dev/null
  end=$(date +%s.%N)
  echo "$(awk -F, 'NR > 2 {print $NF}' "$out/metrics.csv" | median) $(echo "$start $end" | awk '{print $2 - $1}')"
  rm -rf "$out"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "compare relu, full MNIST, sgd lr 0.1, $epochs epochs, threads ${ACTRUN_THREADS:-default}; epoch time = median of epochs 2..$epochs"
echo
declare -A ratios
for ((p = 1; p <= passes; p++)); do
  for shape in "64 128" "256 1024"; do
    read -r batch hidden <<<"$shape"
    read -r with with_wall < <(cell "$batch" "$hidden")
    read -r without without_wall < <(cell "$batch" "$hidden" --no-diagnostics)
    r=$(echo "$with $without" | awk '{printf "%.3f", $1/$2}')
    ratios[$shape]+="$r "
    printf 'pass %d batch %3d hidden %4d: with %.4f s/epoch, without %.4f s/epoch, ratio %s (process wall %.1f s vs %.1f s)\n' \
      "$p" "$batch" "$hidden" "$with" "$without" "$r" "$with_wall" "$without_wall"
  done
done
echo
echo "| batch × hidden | epoch time with diagnostics / without, per pass |"
echo "|---|---|"
for shape in "64 128" "256 1024"; do echo "| ${shape/ / × } | ${ratios[$shape]% } |"; done
