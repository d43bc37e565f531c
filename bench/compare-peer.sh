#!/usr/bin/env bash
# Side by side: ActRun and the TorchSharp (libtorch) peer train the same 784-H-10 MLP on MNIST with plain SGD.
# Every cell runs ActRun then the peer, back to back (interleaved), so both see the same machine load; the
# table gives ratios (ActRun / peer) of the median epoch time over epochs 2..N, never a lone absolute time.
# Achieved GFLOP/s are given as a share of the FMA peak measured on this machine at the start (independent FMA
# chains at each SIMD width: bench/ActRun.Benchmarks -- peak), not of a formula of pipes x lanes x clock.
#
# Usage: bench/compare-peer.sh [--quick] [DATA_DIR]
#   DATA_DIR       folder holding mnist/ (default: $ACTRUN_DATA_DIR, else /work/shared/data)
#   --quick        fewer cells and epochs (a few minutes instead of most of an hour)
# Environment: PEER (default /work/shared/peers/torchsharp/run.sh), EPOCHS, REPEATS (headline repeats),
# COMPARE_EPOCHS (the three-activation compare; 5 by default as in the issue), BATCHES and HIDDENS (the table's cells,
# space-separated, e.g. BATCHES=256 HIDDENS="512 1024"), ACTRUN_THREADS and PEER_THREADS
# (default: every core for both; PEER_THREADS=1 runs the peer with DOTNET_PROCESSOR_COUNT=1, which its
# torch.set_num_threads(Environment.ProcessorCount) follows). On a machine shared with other work, libtorch's
# threads can be much slower than one; the headline also shows the peer on one thread.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
quick=0
if [[ ${1:-} == --quick ]]; then quick=1; shift; fi
data=${1:-${ACTRUN_DATA_DIR:-/work/shared/data}}
peer=${PEER:-/work/shared/peers/torchsharp/run.sh}
actrun_threads=${ACTRUN_THREADS:-$(nproc)}
peer_threads=${PEER_THREADS:-$(nproc)}
if ((quick)); then
  epochs=${EPOCHS:-3}; repeats=${REPEATS:-1}; read -ra batches <<<"${BATCHES:-16 256}"; read -ra hiddens <<<"${HIDDENS:-128 1024}"; compare_epochs=2
else
  epochs=${EPOCHS:-5}; repeats=${REPEATS:-3}; read -ra batches <<<"${BATCHES:-16 64 256}"; read -ra hiddens <<<"${HIDDENS:-32 128 512 1024}"
  compare_epochs=${COMPARE_EPOCHS:-5}
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# building actrun (Release, published ReadyToRun) ..." >&2
dotnet publish "$root/src/ActRun" -c Release -o "$work/actrun" -nologo -v quiet >&2
actrun=$work/actrun/actrun
"$peer" "$data" 1 relu 64 32 0.1 >/dev/null  # builds the peer once, outside the timings
echo "# measuring the FMA peak (bench/ActRun.Benchmarks -- peak) ..." >&2
dotnet build "$root/bench/ActRun.Benchmarks" -c Release -nologo -v quiet >&2
peak_table=$(dotnet run --no-build -c Release --project "$root/bench/ActRun.Benchmarks" -- peak)
# "machine peak: X GFLOP/s per core, Y GFLOP/s on N cores (width)"
read -r peak_core peak_all peak_width < <(echo "$peak_table" | awk '/^machine peak:/ {gsub(/[()]/, ""); print $3, $7, $NF}')
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >&2

# csv_column FILE NAME: the values of column NAME, one per data row (counted from the row's end).
csv_column() { awk -F, -v name="$2" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == name) back = NF - i; next} {print $(NF - back)}' "$1"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# actrun_cell ACT BATCH HIDDEN -> "median_epoch_seconds final_test_accuracy" (epochs 2..N)
actrun_cell() {
  local out=$work/run-$RANDOM$RANDOM
  "$actrun" compare --activations "$1" --dataset mnist --data-dir "$data" --epochs "$epochs" --hidden "$3" \
    --batch-size "$2" --lr 0.1 --optimizer sgd --validation-fraction 0 --out "$out" --no-plots --no-diagnostics --quiet --format csv --threads "${4:-$actrun_threads}" >/dev/null
  local s acc
  # Columns by name, counted from the end of the row: a quoted key column such as hidden "[256,128]" holds a comma.
  s=$(csv_column "$out/metrics.csv" epoch_seconds | awk 'NR > 1' | median)
  acc=$(csv_column "$out/metrics.csv" test_accuracy | tail -n 1)
  rm -rf "$out"
  echo "$s $acc"
}
peer_cell() {
  local lines s acc
  lines=$(DOTNET_PROCESSOR_COUNT=${4:-$peer_threads} "$peer" "$data" "$epochs" "$1" "$2" "$3" 0.1)
  s=$(echo "$lines" | awk 'NR > 1 {sub("train_s=", "", $2); print $2}' | median)
  acc=$(echo "$lines" | awk 'END {sub("test_acc=", "", $3); print $3}')
  echo "$s $acc"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "epochs per run: $epochs (median over epochs 2..$epochs); ratio = actrun / peer (below 1: actrun faster)"
echo "threads: actrun $actrun_threads, peer $peer_threads (table); the headline also runs both on 1 thread"
echo
echo "## measured FMA peak (dotnet run -c Release --project bench/ActRun.Benchmarks -- peak)"
echo "$peak_table"
echo
echo "## headline: relu, batch 64, hidden 128, lr 0.1 ($repeats repeats, interleaved)"
hs_a=(); hs_p=(); hs_a1=(); hs_p1=()
for ((r = 1; r <= repeats; r++)); do
  read -r a acc_a < <(actrun_cell relu 64 128 "$(nproc)")
  read -r p acc_p < <(peer_cell relu 64 128 "$(nproc)")
  read -r a1 _ < <(actrun_cell relu 64 128 1)
  read -r p1 _ < <(peer_cell relu 64 128 1)
  hs_a+=("$a"); hs_p+=("$p"); hs_a1+=("$a1"); hs_p1+=("$p1")
  printf 'repeat %d: actrun %.4f s/epoch (test acc %s), peer %.4f s/epoch (test acc %s), ratio %.2f; on 1 thread each: %.4f vs %.4f, ratio %.2f\n' \
    "$r" "$a" "$acc_a" "$p" "$acc_p" "$(echo "$a $p" | awk '{print $1/$2}')" "$a1" "$p1" "$(echo "$a1 $p1" | awk '{print $1/$2}')"
done
ha=$(printf '%s\n' "${hs_a[@]}" | median); hp=$(printf '%s\n' "${hs_p[@]}" | median)
ha1=$(printf '%s\n' "${hs_a1[@]}" | median); hp1=$(printf '%s\n' "${hs_p1[@]}" | median)
printf 'headline ratio (median of repeats): %.2f   (actrun %.4f s, peer %.4f s per epoch, %s/%s threads)\n' "$(echo "$ha $hp" | awk '{print $1/$2}')" "$ha" "$hp" "$(nproc)" "$(nproc)"
printf 'headline ratio on 1 thread each:   %.2f   (actrun %.4f s, peer %.4f s per epoch)\n' "$(echo "$ha1 $hp1" | awk '{print $1/$2}')" "$ha1" "$hp1"
# The faster ActRun configuration, for GFLOP/s, against the peak measured with as many threads.
if awk -v a="$ha" -v b="$ha1" 'BEGIN {exit !(b < a)}'; then ha=$ha1; ha_threads=1; peak=$peak_core; else ha_threads=$(nproc); peak=$peak_all; fi
# Achieved GFLOP/s: per sample 2·(784·H + H·10) forward, the same for the weight gradients, 2·10·H for the
# hidden layer's input gradient (the first layer's is never computed); 60000 samples per epoch.
flops=$(awk 'BEGIN {h = 128; print 60000 * (4 * (784 * h + h * 10) + 2 * 10 * h)}')
awk -v f="$flops" -v s="$ha" -v t="$ha_threads" -v peak="$peak" -v w="$peak_width" 'BEGIN {
  printf "training epoch: %.1f GFLOP in %.4f s on %d thread(s) = %.1f GFLOP/s, %.0f%% of the measured peak on %d thread(s), %.1f GFLOP/s (%s FMAs)\n",
    f / 1e9, s, t, f / 1e9 / s, 100 * f / 1e9 / s / peak, t, peak, w }'
echo
echo "## ratio table (actrun / peer, relu, lr 0.1; threads actrun $actrun_threads, peer $peer_threads)"
printf '| batch \\ hidden |'; for h in "${hiddens[@]}"; do printf ' %s |' "$h"; done; echo
printf '|---|'; for _ in "${hiddens[@]}"; do printf -- '---|'; done; echo
for b in "${batches[@]}"; do
  row="| $b |"
  for h in "${hiddens[@]}"; do
    read -r a _ < <(actrun_cell relu "$b" "$h")
    read -r p _ < <(peer_cell relu "$b" "$h")
    row+=$(printf ' %.2f (%.3f/%.3f s) |' "$(echo "$a $p" | awk '{print $1/$2}')" "$a" "$p")
  done
  echo "$row"
done
echo
echo "## compare --activations relu,tanh,sigmoid --dataset mnist --epochs $compare_epochs vs the peer's three runs"
/usr/bin/time -v -o "$work/time.txt" "$actrun" compare --activations relu,tanh,sigmoid --dataset mnist --data-dir "$data" \
  --epochs "$compare_epochs" --validation-fraction 0 --out "$work/compare" --quiet --format csv --threads "$actrun_threads" >/dev/null
wall_a=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
rss_a=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
cpu_a=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
start=$(date +%s.%N)
for act in relu tanh sigmoid; do DOTNET_PROCESSOR_COUNT=$peer_threads "$peer" "$data" "$compare_epochs" "$act" 64 128 0.1 >/dev/null; done
wall_p=$(echo "$start $(date +%s.%N)" | awk '{print $2 - $1}')
printf 'actrun compare: %.1f s wall (%.1f s CPU, so %.1f cores busy on average), peak RSS %s MB\n' "$wall_a" "$cpu_a" "$(echo "$cpu_a $wall_a" | awk '{print $1/$2}')" "$rss_a"
printf 'peer (%s threads), three runs one after the other: %.1f s wall   (ratio %.2f)\n' "$peer_threads" "$wall_p" "$(echo "$wall_a $wall_p" | awk '{print $1/$2}')"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
