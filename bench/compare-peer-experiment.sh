#!/usr/bin/env bash
# A whole experiment side by side: the wall time of `actrun run experiments/mnist-linear-vs-nonlinear.yaml`
# (12 runs: relu, tanh, sigmoid, linear x 3 seeds; 784-128-10, plain SGD lr 0.1, batch 64, 5 epochs, all 60,000
# training images since the file sets no validation_fraction) against the TorchSharp (libtorch) peer training the
# same 12 runs, scheduled as well as the peer allows. The peer is one process per run and has no scheduler of its
# own, so two schedules are timed and the better one counts:
#   parallel    as many peer processes at once as there are cores, one libtorch thread each (a queue of the runs)
#   sequential  one peer process at a time with every core as libtorch threads
# ActRun runs as a user would run it: its defaults (--threads = every core; the per-layer diagnostics, the report
# and its plots), only --quiet and a fresh --out. Both sides start from a published Release build, as
# bench/compare-peer.sh does, and both wall times include loading MNIST (once for ActRun, once per run for the peer).
#
# What is not the same on the two sides (the closest setup the peer supports):
# - Seeds: ActRun trains seeds 42, 43, 44 of each activation; the peer has a fixed seed (torch.manual_seed(1)), so
#   its three runs of an activation are one run three times: the same work, so the same cost.
# - Initial weights: ActRun uses the experiment's init (auto, which is glorot_uniform for these four activations);
#   the peer PyTorch's default for nn.Linear (uniform, bound 1/sqrt(fan_in)). The arithmetic per step is the same.
# - Extras: ActRun also records per-layer diagnostics (layers.csv) every epoch and writes a report with plots;
#   ACTRUN_ARGS="--no-diagnostics --no-plots" leaves them out. Both evaluate the test set after every epoch.
#
# Usage: bench/compare-peer-experiment.sh [DATA_DIR]
#   DATA_DIR   folder holding mnist/ (default: $ACTRUN_DATA_DIR, else /work/shared/data)
# Environment:
#   PEER            the peer's run.sh (default /work/shared/peers/torchsharp/run.sh)
#   PASSES          passes of ActRun, peer parallel, peer sequential, one after the other (default 1)
#   ACTRUN_THREADS  actrun --threads (default: every core, as `actrun run` itself)
#   ACTRUN_ARGS     more options for actrun run (e.g. --no-diagnostics)
#   SCHEDULES       peer schedules to time (default "parallel sequential")
#   EPOCHS, SEEDS, ACTIVATIONS (space-separated)   a smaller experiment for a quick check of the script, e.g.
#                   EPOCHS=1 SEEDS=1 ACTIVATIONS="relu tanh"; ActRun then gets the same through --set and --sweep.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${1:-${ACTRUN_DATA_DIR:-/work/shared/data}}
peer=${PEER:-/work/shared/peers/torchsharp/run.sh}
cores=$(nproc)
passes=${PASSES:-1}
actrun_threads=${ACTRUN_THREADS:-$cores}
read -r -a schedules <<<"${SCHEDULES:-parallel sequential}"
experiment=$root/experiments/mnist-linear-vs-nonlinear.yaml
# The experiment's settings, as the file gives them (the peer gets them as arguments).
batch=64; hidden=128; lr=0.1
epochs=${EPOCHS:-5}; seeds=${SEEDS:-3}
read -r -a activations <<<"${ACTIVATIONS:-relu tanh sigmoid linear}"
overrides=()
if [[ -n ${EPOCHS:-}${SEEDS:-}${ACTIVATIONS:-} ]]; then
  overrides=(--set "train.epochs=$epochs" --set "seeds=$seeds" --sweep "model.activation=$(IFS=,; echo "${activations[*]}")" --no-expect)
fi
runs=$((${#activations[@]} * seeds))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# building actrun (Release, published ReadyToRun) ..." >&2
dotnet publish "$root/src/ActRun" -c Release -o "$work/actrun" -nologo -v quiet >&2
actrun=$work/actrun/actrun
"$peer" "$data" 1 relu "$batch" 32 "$lr" >/dev/null  # builds the peer once, outside the timings
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >&2

# seconds_of FILE: the wall clock of /usr/bin/time -v in seconds.
seconds_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$1"; }
now() { date +%s.%N; }

# actrun_pass N -> "wall_seconds cpu_seconds rss_mb"
actrun_pass() {
  local out=$work/actrun-$1
  /usr/bin/time -v -o "$work/time-$1.txt" "$actrun" run "$experiment" "${overrides[@]}" --data-dir "$data" --offline --out "$out" \
    --quiet --threads "$actrun_threads" ${ACTRUN_ARGS:-} >"$work/actrun-$1.txt"
  local rows
  rows=$(awk -F, 'NR > 1 && $0 ~ /,ok,/' "$out/runs.csv" | wc -l)
  ((rows == runs)) || { echo "compare-peer-experiment.sh: actrun finished $rows of $runs runs (see $out/runs.csv)" >&2; exit 1; }
  printf '%s %s %s\n' "$(seconds_of "$work/time-$1.txt")" \
    "$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time-$1.txt")" \
    "$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$work/time-$1.txt")"
}

# peer_pass N SCHEDULE -> wall seconds for all runs; each run's output in $work/peer-N-SCHEDULE-ACT-SEED.txt
peer_pass() {
  local parallel threads start act seed
  if [[ $2 == parallel ]]; then parallel=$cores; threads=1; else parallel=1; threads=$cores; fi
  start=$(now)
  for act in "${activations[@]}"; do
    for ((seed = 0; seed < seeds; seed++)); do
      while (($(jobs -rp | wc -l) >= parallel)); do wait -n; done
      PEER_OPT=sgd PEER_THREADS=$threads "$peer" "$data" "$epochs" "$act" "$batch" "$hidden" "$lr" >"$work/peer-$1-$2-$act-$seed.txt" &
    done
  done
  wait
  local done_runs
  done_runs=$(for f in "$work"/peer-"$1"-"$2"-*.txt; do awk -v e="$epochs" 'END {if (NR == e) print "ok"}' "$f"; done | wc -l)
  ((done_runs == runs)) || { echo "compare-peer-experiment.sh: the peer finished $done_runs of $runs runs ($2)" >&2; exit 1; }
  echo "$(now) $start" | awk '{print $1 - $2}'
}

echo "machine: $cores cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "experiment: ${activations[*]} x $seeds seed(s) = $runs runs, 784-$hidden-10, sgd lr $lr, batch $batch, $epochs epoch(s)" \
  "$( ((${#overrides[@]})) && echo "(reduced: ${overrides[*]})")"
echo "actrun: run --threads $actrun_threads${ACTRUN_ARGS:+ $ACTRUN_ARGS}; peer schedules: ${schedules[*]} (parallel: $cores processes x 1 thread; sequential: 1 process x $cores threads)"
echo
echo "| pass | actrun wall s (CPU s, RSS MB) | $(printf 'peer %s wall s | ' "${schedules[@]}")best peer | ratio actrun / best peer |"
echo "|---|---|$(printf -- '---|%.0s' "${schedules[@]}")---|---|"
ratios=()
for ((pass = 1; pass <= passes; pass++)); do
  read -r wall cpu rss < <(actrun_pass "$pass")
  row="| $pass | $(printf '%.1f (%.1f, %s)' "$wall" "$cpu" "$rss") |"
  best=""; best_name=""
  for schedule in "${schedules[@]}"; do
    p=$(peer_pass "$pass" "$schedule")
    row+=$(printf ' %.1f |' "$p")
    if [[ -z $best ]] || awk -v a="$p" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$p; best_name=$schedule; fi
  done
  ratio=$(echo "$wall $best" | awk '{printf "%.2f", $1 / $2}')
  ratios+=("$ratio")
  echo "$row $(printf '%.1f (%s)' "$best" "$best_name") | **$ratio** |"
done
echo
# Accuracy as a sanity check that both sides trained the same models: mean final test accuracy per activation.
echo "final test accuracy, mean over seeds (pass 1), actrun / peer:"
for act in "${activations[@]}"; do
  a=$(awk -F, -v act="$act" 'NR == 1 {for (i = 1; i <= NF; i++) {if ($i == "activation") c = i; if ($i == "test_accuracy") t = i; if ($i == "epoch") e = i}; next}
      $c == act && $e == max {s += $t; n++} END {if (n) printf "%.4f", s / n; else print "nan"}' max="$epochs" "$work/actrun-1/metrics.csv")
  p=$(cat "$work"/peer-1-"${schedules[0]}"-"$act"-*.txt | awk -v e="$epochs" '$1 == "epoch=" e {sub("test_acc=", "", $3); s += $3; n++} END {if (n) printf "%.4f", s / n; else print "nan"}')
  echo "  $act: $a / $p"
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
