#!/usr/bin/env bash
# Runs an experiment on Slurm: one array task per shard (actrun run CONFIG --shard I/N), then a merge job that
# starts when every task succeeded (afterok) and writes OUT/merged, identical to running the whole experiment
# at once. Tasks run with --resume, so a task that is requeued or resubmitted continues its shard.
#
#   experiments/cluster/slurm-array.sh CONFIG N [OUT]
#
# OUT defaults to results/<config name>-slurm. Each task gets $CPUS cores (default 1) and trains that many runs
# at once. Cluster settings come from sbatch's own environment variables, e.g. SBATCH_PARTITION,
# SBATCH_TIMELIMIT, SBATCH_ACCOUNT. $ACTRUN overrides the actrun command (default: this checkout's Release build).
# Prints the two job ids: ARRAY_JOB MERGE_JOB.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/common.sh"
usage_check "$0" "${1:-}" "${2:-}" || exit 2
config="$(absolute "$1")"
n=$2
out="$(absolute "${3:-results/$(basename "$config" .yaml)-slurm}")"
cpus=${CPUS:-1}
actrun="$(actrun_command)"

# Fail here, not in N jobs, when the config is wrong.
$actrun run "$config" --dry-run --quiet --shard "1/$n" > /dev/null

mkdir -p "$out/logs"
cat > "$out/shard.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=actrun-shard
#SBATCH --cpus-per-task=$cpus
#SBATCH --output=$out/logs/shard-%a.log
set -euo pipefail
$actrun run "$config" --shard "\${SLURM_ARRAY_TASK_ID}/$n" --out "$out/shard-\${SLURM_ARRAY_TASK_ID}" --resume --threads $cpus --quiet --format csv
JOB
shards=$(for i in $(seq 1 "$n"); do printf ' "%s"' "$out/shard-$i"; done)
# The merged folder is made from the shards alone: a resubmission replaces it (--overwrite), as the shards resume.
cat > "$out/merge.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=actrun-merge
#SBATCH --cpus-per-task=1
#SBATCH --output=$out/logs/merge.log
set -euo pipefail
$actrun merge$shards --out "$out/merged" --overwrite --format csv
JOB

array=$(sbatch --parsable --array="1-$n" "$out/shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "$out/merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
echo "submitted $n shard task(s) as job $array and the merge as job $merge; results in $out/merged" >&2
