#!/bin/bash
# The merge job of deploy/slurm/submit.sh: once every array task has succeeded, the shards in ROOT become one
# results directory, ROOT/merged, with the runs.csv and summary.csv of a single-machine sweep; the study's
# expect: bounds are judged here (exit 1 when one is violated).
#
#SBATCH --job-name=noise-sweep-merge
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
set -euo pipefail
root=${1:?usage: merge-shards.sh ROOT [merge options...]}
shift
cd "${SLURM_SUBMIT_DIR:-.}"
bin=${NOISE_SWEEP_BIN:-$PWD/dist/src/bin.js}
node=${NOISE_SWEEP_NODE:-$(command -v node)}
# Written under a temporary name and renamed, so a merge that is stopped and run again starts clean.
rm -rf "$root/merged.partial"
"$node" "$bin" merge "$root"/shard-* --out "$root/merged.partial" "$@"
rm -rf "$root/merged"
mv "$root/merged.partial" "$root/merged"
echo "merge-shards: $root/merged"
