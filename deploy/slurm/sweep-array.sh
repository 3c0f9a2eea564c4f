#!/bin/bash
# One shard of a study per task of a SLURM job array. Submit it with deploy/slurm/submit.sh, which also submits
# the merge as a job that waits for every task (--dependency=afterok) and passes what a task needs:
#   NOISE_SWEEP_BIN     absolute path of noise-sweep's dist/src/bin.js
#   NOISE_SWEEP_NODE    absolute path of node (compute nodes may not have the login shell's PATH: nvm, modules)
#   NOISE_SWEEP_ROOT    the study's results directory (created before sbatch, so --output can open files in it)
#   NOISE_SWEEP_SHARDS  the shard count, so a task resubmitted on its own (--array=3) still runs shard 4 of n
# Task k (0-based) runs shard k+1 into $NOISE_SWEEP_ROOT/shard-k.
#
# By hand, from the repository (shard count from SLURM_ARRAY_TASK_COUNT, results in results/<study>-<job id>/):
#   mkdir -p results && sbatch --output=results/slurm-%A_%a.out deploy/slurm/sweep-array.sh configs/grid.yaml
#
#SBATCH --job-name=noise-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=01:00:00
# A task stopped by a node failure or preemption goes back in the queue and resumes its shard.
#SBATCH --requeue
#SBATCH --open-mode=append
set -euo pipefail
config=${1:?usage: sbatch deploy/slurm/sweep-array.sh CONFIG [sweep options...]}
shift
# SLURM starts the job in the submission directory (or --chdir); sbatch runs a copy of this file, so the
# repository is found from there, never from $0.
cd "${SLURM_SUBMIT_DIR:-.}"
bin=${NOISE_SWEEP_BIN:-$PWD/dist/src/bin.js}
node=${NOISE_SWEEP_NODE:-$(command -v node)}
root=${NOISE_SWEEP_ROOT:-results/$(basename "$config" .yaml)-${SLURM_ARRAY_JOB_ID}}
[ -f "$bin" ] || { echo "sweep-array: $bin not found (set NOISE_SWEEP_BIN, or submit from the repository after npm run build)" >&2; exit 2; }
[ -x "$node" ] || { echo "sweep-array: node not found (set NOISE_SWEEP_NODE)" >&2; exit 2; }
mkdir -p "$root"

shard=()
[ -n "${NOISE_SWEEP_SHARDS:-}" ] && shard=(--shard "$((SLURM_ARRAY_TASK_ID + 1))/$NOISE_SWEEP_SHARDS")
out="$root/shard-${SLURM_ARRAY_TASK_ID}"
# A requeued or resubmitted task continues its shard. A directory without runs.csv holds no run yet (stopped
# while starting): it is started over.
if [ -f "$out/runs.csv" ]; then mode=(--resume); elif [ -d "$out" ]; then mode=(--force); else mode=(); fi
echo "sweep-array: task ${SLURM_ARRAY_TASK_ID} of job ${SLURM_ARRAY_JOB_ID} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}: $out ${mode[*]}"
status=0
"$node" "$bin" "$config" --out "$out" --workers "${SLURM_CPUS_PER_TASK:-1}" --quiet "${shard[@]}" "${mode[@]}" "$@" || status=$?
# Exit 1 means expect: bounds were violated on this shard's part of the study; the merge judges the whole
# study, so the task has done its work (and must not block the merge's afterok dependency).
if [ "$status" -eq 1 ]; then
  echo "sweep-array: bounds are judged by the merge, not by a shard"
  status=0
fi
exit "$status"
