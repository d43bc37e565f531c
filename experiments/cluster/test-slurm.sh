#!/usr/bin/env bash
# Tests the Slurm path for real on this machine: starts a one-node Slurm (Debian's slurm-wlm and munge,
# installed if missing; needs root), runs a small sweep unsharded, runs it again through slurm-array.sh as
# 3 array tasks plus the dependent merge job, and checks that the merged folder equals the unsharded one row
# for row (timing columns aside). Stops only the daemons it started. Prints the time it took.
#
#   experiments/cluster/test-slurm.sh            (exit 0: merged == unsharded)
#
# Where systemd already runs munge or Slurm, those daemons are used as they are.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/common.sh"
started_at=$(date +%s)
work=$(mktemp -d /tmp/actrun-slurm-test.XXXXXX)
pids=()
cleanup() {
  for pidfile in "${pids[@]}"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
}
trap cleanup EXIT
say() { echo "test-slurm: $*" >&2; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if ! command -v sbatch > /dev/null || [ ! -x /usr/sbin/munged ]; then
  [ "$(id -u)" -eq 0 ] || { say "slurm-wlm and munge are not installed and this is not root"; exit 1; }
  say "installing slurm-wlm and munge"
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge > /dev/null
fi

if ! alive /run/munge/munged.pid; then
  [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge /etc/munge/munge.key && chmod 755 /run/munge
  runuser -u munge -- /usr/sbin/munged
  pids+=(/run/munge/munged.pid)
fi
munge -n | unmunge > /dev/null

if ! alive /run/slurm/slurmctld.pid; then
  host=$(hostname -s)
  if [ -f /etc/slurm/slurm.conf ] && ! grep -q '^ClusterName=ci$' /etc/slurm/slurm.conf; then
    say "/etc/slurm/slurm.conf is not this test's and Slurm is not running; not touching it"; exit 1
  fi
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
CONF
  /usr/sbin/slurmctld
  pids+=(/run/slurm/slurmctld.pid)
  /usr/sbin/slurmd
  pids+=(/run/slurm/slurmd.pid)
fi
for _ in $(seq 1 50); do sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break; sleep 0.2; done
sinfo -h -o %t | grep -qE '^(idle|mix|alloc)' || { say "the Slurm node did not come up: $(sinfo 2>&1 | tr '\n' ' ')"; exit 1; }
say "Slurm is up ($(sinfo -h -o '%N %t %c' | head -1))"

actrun="$(actrun_command)"
# One check: the experiment run whole, and as 3 Slurm array shards merged by the merge job, give the same files.
slurm_check() { # NAME: $work/NAME.yaml is the experiment
  local name=$1 state="" check file
  $actrun run "$work/$name.yaml" --out "$work/$name-whole" --quiet --format csv > /dev/null
  read -r array merge < <(CPUS=1 "$here/slurm-array.sh" "$work/$name.yaml" 3 "$work/$name-slurm")
  say "$name: submitted array job $array and merge job $merge"
  for _ in $(seq 1 600); do
    state=$(scontrol show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
    case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break;; esac
    # A finished job can leave scontrol's view; the merged summary is then the sign it ran.
    [ -z "$state" ] && [ -f "$work/$name-slurm/merged/summary.csv" ] && { state=COMPLETED; break; }
    sleep 0.2
  done
  if [ "$state" != COMPLETED ] || [ ! -f "$work/$name-slurm/merged/summary.csv" ]; then
    say "$name: the merge job ended as '${state:-unknown}' (logs in $work/$name-slurm/logs)"
    tail -n 5 "$work/$name-slurm"/logs/*.log >&2 || true
    return 1
  fi
  local ok=0
  for check in "metrics.csv epoch_seconds" "summary.csv train_seconds" "runs.csv started finished" "${@:2}"; do
    set -- $check
    file=$1; shift
    if ! diff <(without "$work/$name-whole/$file" "$@") <(without "$work/$name-slurm/merged/$file" "$@") > "$work/diff.txt"; then
      say "$name: merged $file differs from the unsharded run:"; head -n 10 "$work/diff.txt" >&2; ok=1
    fi
  done
  cmp -s "$work/$name-whole/config.yaml" "$work/$name-slurm/merged/config.yaml" || { say "$name: merged config.yaml differs"; ok=1; }
  [ $ok -eq 0 ] && say "$name: 3 Slurm shards merged equal the unsharded run ($(($(wc -l < "$work/$name-whole/metrics.csv") - 1)) metric rows)"
  return $ok
}

# Drop the named columns (timings) from a CSV; the test's values hold no quoted commas.
without() {
  local file=$1; shift
  awk -F, -v drop="$*" 'BEGIN { n = split(drop, d, " "); for (i = 1; i <= n; i++) skip[d[i]] = 1 }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i in skip) gone[i] = 1 }
    { line = ""; for (i = 1; i <= NF; i++) if (!(i in gone)) line = line (line == "" ? "" : ",") $i; print line }' "$file"
}

cat > "$work/sweep.yaml" <<'YAML'
# The Slurm test's sweep: 8 small runs.
name: slurm-test
dataset: {name: circles, train_size: 300, test_size: 200}
model: {hidden: [8], activation: relu}
train: {epochs: 4, batch_size: 32, optimizer: adam, lr: 0.02}
seeds: 2
sweep:
  model.activation: [relu, tanh]
  train.lr: [0.02, 0.05]
YAML
cat > "$work/search.yaml" <<'YAML'
# The Slurm test's search: each of 3 activations tunes its rate on validation (halving), then 2 seeds compare.
name: slurm-search
dataset: {name: circles, train_size: 300, test_size: 200}
model: {hidden: [8], activation: relu}
train: {epochs: 4, batch_size: 32, optimizer: sgd, lr: 0.1, validation_fraction: 0.2}
seeds: 2
sweep:
  model.activation: [relu, tanh, elu]
tune:
  space: {train.lr: [0.01, 0.1, 1]}
  strategy: halving
YAML
status=0
slurm_check sweep || status=1
slurm_check search "trials.csv" || status=1
if [ $status -eq 0 ]; then
  say "passed: a sweep and a search, each as 3 Slurm shards merged, equal their unsharded runs, in $(( $(date +%s) - started_at )) s"
  rm -rf "$work"
fi
exit $status
