#!/usr/bin/env bash
# Side by side with normalization and dropout (issue 16, point 8): ActRun and the TorchSharp (libtorch) peer train
# 784-256-128-10 on full MNIST with adam lr 0.001, batch 128, 3 epochs, in three models:
#   batch_norm: dense, batch_norm, relu, dropout(0.2) per hidden layer   (PEER_NORM=batch PEER_DROPOUT=0.2)
#   layer_norm: dense, layer_norm, relu, dropout(0.2) per hidden layer   (PEER_NORM=layer PEER_DROPOUT=0.2)
#   selu:       dense, selu, alpha_dropout(0.2) per hidden layer         (PEER_DROPOUT=0.2 with selu: the peer's AlphaDropout)
# Each pass runs every model ActRun then peer, back to back, so both see the same machine load; the table gives
# ratios (ActRun / peer) of the median epoch time over epochs 2..3 (training only) and the test accuracies after 3 epochs.
# With CPU=1 a second table gives the CPU seconds per epoch of each process, (CPU of a 3-epoch run − CPU of a 1-epoch
# run) / 2 (training and the epoch's test evaluation, without start-up and data loading): on a machine shared with
# other work the wall time mostly measures the share of the cores a process got, the CPU time what it needed. Use it
# with one thread each (PEER_THREADS=1 ACTRUN_THREADS=1): libtorch's waiting threads spin and count as CPU time.
#
# Usage: bench/compare-peer-layers.sh [DATA_DIR]
#   DATA_DIR   folder holding mnist/ (default: $ACTRUN_DATA_DIR, else /work/shared/data)
# Environment: PEER (default /work/shared/peers/torchsharp/run.sh), PASSES (default 2), PEER_THREADS (default 2),
# ACTRUN_THREADS (default: ActRun's own default, every core), ACTRUN (a built actrun to use instead of publishing one), CPU.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${1:-${ACTRUN_DATA_DIR:-/work/shared/data}}
peer=${PEER:-/work/shared/peers/torchsharp/run.sh}
passes=${PASSES:-2}
export PEER_THREADS=${PEER_THREADS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -n ${ACTRUN:-} ]]; then
  actrun=$ACTRUN
else
  echo "# building actrun (Release, published) ..." >&2
  dotnet publish "$root/src/ActRun" -c Release -o "$work/actrun" -nologo -v quiet >&2
  actrun=$work/actrun/actrun
fi
PEER_OPT=adam "$peer" "$data" 1 relu 1000 32 0.001 >/dev/null  # builds the peer once, outside the timings
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >&2

csv_column() { awk -F, -v name="$2" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == name) back = NF - i; next} {print $(NF - back)}' "$1"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# cpu_of FILE: user + system seconds that /usr/bin/time wrote
cpu_of() { awk '{print $1 + $2}' "$1"; }

# actrun_cell ACTIVATION LAYERS [EPOCHS] -> "median_epoch_seconds final_test_accuracy cpu_seconds"
actrun_cell() {
  local out=$work/run-$RANDOM$RANDOM
  local threads=()
  [[ -n ${ACTRUN_THREADS:-} ]] && threads=(--threads "$ACTRUN_THREADS")
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$actrun" compare --activations "$1" --dataset mnist --data-dir "$data" --epochs "${3:-3}" --batch-size 128 \
    --optimizer adam --lr 0.001 --validation-fraction 0 --set "model.layers=$2" --out "$out" --no-plots --no-diagnostics --quiet "${threads[@]}" >/dev/null
  local s acc
  s=$(csv_column "$out/metrics.csv" epoch_seconds | awk 'NR > 1' | median)
  acc=$(csv_column "$out/metrics.csv" test_accuracy | tail -n 1)
  rm -rf "$out"
  echo "$s $acc $(cpu_of "$work/cpu")"
}
# peer_cell ACTIVATION NORM [EPOCHS] -> "median_epoch_seconds final_test_accuracy cpu_seconds"
peer_cell() {
  local lines s acc
  lines=$(PEER_OPT=adam PEER_NORM=$2 PEER_DROPOUT=0.2 /usr/bin/time -f "%U %S" -o "$work/cpu" "$peer" "$data" "${3:-3}" "$1" 128 256,128 0.001)
  s=$(echo "$lines" | awk 'NR > 1 {sub("train_s=", "", $2); print $2}' | median)
  acc=$(echo "$lines" | awk 'END {sub("test_acc=", "", $3); print $3}')
  echo "$s $acc $(cpu_of "$work/cpu")"
}

names=(batch_norm layer_norm selu)
activations=(relu relu selu)
norms=(batch layer none)
specs=("[dense(256), batch_norm, act, dropout(0.2), dense(128), batch_norm, act, dropout(0.2)]"
       "[dense(256), layer_norm, act, dropout(0.2), dense(128), layer_norm, act, dropout(0.2)]"
       "[dense(256), act, alpha_dropout(0.2), dense(128), act, alpha_dropout(0.2)]")

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "784-256-128-10, adam lr 0.001, batch 128, 3 epochs, full MNIST; epoch time = median of epochs 2..3 (training only)"
echo "threads: actrun ${ACTRUN_THREADS:-default}, peer $PEER_THREADS; ratio = actrun / peer (below 1: actrun faster)"
echo
declare -A ratios accs cpus
for ((p = 1; p <= passes; p++)); do
  for i in "${!names[@]}"; do
    read -r a acc_a cpu_a < <(actrun_cell "${activations[$i]}" "${specs[$i]}")
    read -r q acc_q cpu_q < <(peer_cell "${activations[$i]}" "${norms[$i]}")
    if [[ ${CPU:-0} == 1 ]]; then
      read -r _ _ cpu_a1 < <(actrun_cell "${activations[$i]}" "${specs[$i]}" 1)
      read -r _ _ cpu_q1 < <(peer_cell "${activations[$i]}" "${norms[$i]}" 1)
      c=$(echo "$cpu_a $cpu_a1 $cpu_q $cpu_q1" | awk '{printf "%.2f (%.2f/%.2f s)", ($1-$2)/($3-$4), ($1-$2)/2, ($3-$4)/2}')
      cpus[${names[$i]}]+="$c "
      echo "pass $p ${names[$i]}: CPU seconds per epoch, ratio (actrun/peer): $c"
    fi
    r=$(echo "$a $q" | awk '{printf "%.2f", $1/$2}')
    d=$(echo "$acc_a $acc_q" | awk '{printf "%+.2f", 100*($1-$2)}')
    ratios[${names[$i]}]+="$r "
    accs[${names[$i]}]+="$acc_a/$acc_q "
    printf 'pass %d %-10s actrun %.3f s/epoch acc %s | peer %.3f s/epoch acc %s | ratio %s, accuracy %s points\n' \
      "$p" "${names[$i]}" "$a" "$acc_a" "$q" "$acc_q" "$r" "$d"
  done
done
echo
echo "| model | epoch time ratio per pass (ActRun / peer) | test accuracy per pass (ActRun / peer) |"
echo "|---|---|---|"
for n in "${names[@]}"; do
  echo "| $n | ${ratios[$n]% } | ${accs[$n]% } |"
done
if [[ ${CPU:-0} == 1 ]]; then
  echo
  echo "| model | CPU time per epoch, ratio per pass (ActRun/peer s) |"
  echo "|---|---|"
  for n in "${names[@]}"; do echo "| $n | ${cpus[$n]% } |"; done
fi
