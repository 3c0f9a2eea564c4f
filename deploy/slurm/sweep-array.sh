#!/bin/bash
# One study over a SLURM job array: each array task runs its shard (noise-sweep reads SLURM_ARRAY_TASK_ID,
# SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT itself), then one dependent job merges the shards.
#
#   sbatch deploy/slurm/sweep-array.sh configs/grid.yaml
#
#SBATCH --job-name=noise-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=results/slurm-%A_%a.out
set -euo pipefail
config=${1:-configs/grid.yaml}
study=$(basename "$config" .yaml)
root=results/${study}-${SLURM_ARRAY_JOB_ID}
mkdir -p "$root"

# --resume makes a requeued or restarted task continue its shard instead of starting over.
out="$root/shard-${SLURM_ARRAY_TASK_ID}"
if [ -f "$out/runs.csv" ]; then resume=--resume; else resume=; fi
npx sweep "$config" --out "$out" --workers "${SLURM_CPUS_PER_TASK:-1}" --quiet $resume

# The last task to finish submits nothing; merge once all tasks are done, e.g.:
#   sbatch --dependency=afterok:${SLURM_ARRAY_JOB_ID} --wrap "npx sweep merge $root/shard-* --out $root/merged"
