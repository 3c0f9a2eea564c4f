#!/bin/bash
# Runs a study on SLURM: a job array with one shard per task (deploy/slurm/sweep-array.sh), and the merge of
# the shards (deploy/slurm/merge-shards.sh) as a job that starts once every task has succeeded
# (--dependency=afterok). Prints the job ids and where the results go; run from anywhere.
#
#   deploy/slurm/submit.sh CONFIG [ROOT] [-- sweep options...]   a new study, results in ROOT
#                                                             (default results/<study>-<date>-<time>)
#   deploy/slurm/submit.sh --again ROOT TASK...                 resubmit array tasks of ROOT (e.g. one that was
#                                                             cancelled or failed) and a new merge after them;
#                                                             the old merge, which can no longer start, is cancelled
#
# Environment: SHARDS (array size, 8), CPUS (CPUs and workers per task, 4), SBATCH_ARGS (more sbatch options,
# e.g. "--partition=short --time=02:00:00"), NODE (node for the compute nodes; default: this shell's node).
# Job ids and settings are kept in ROOT/submit.env, which --again reads. Needs a build (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
read -r -a extra_sbatch <<< "${SBATCH_ARGS:-}"

submit_tasks() { # ARRAY_SPEC: submits the array tasks and, after them, the merge; records both ids
  local array merge
  array=$(sbatch --parsable --array="$1" --cpus-per-task="$CPUS" --chdir="$repo" --output="$ROOT/slurm-%A_%a.out" \
    --export="ALL,NOISE_SWEEP_BIN=$BIN,NOISE_SWEEP_NODE=$NODE,NOISE_SWEEP_ROOT=$ROOT,NOISE_SWEEP_SHARDS=$SHARDS" \
    "${extra_sbatch[@]}" "$here/sweep-array.sh" "$CONFIG" "${SWEEP_ARGS[@]}")
  array=${array%%;*}
  merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=no --chdir="$repo" --output="$ROOT/merge-%j.out" \
    --export="ALL,NOISE_SWEEP_BIN=$BIN,NOISE_SWEEP_NODE=$NODE" "${extra_sbatch[@]}" "$here/merge-shards.sh" "$ROOT")
  merge=${merge%%;*}
  {
    printf 'CONFIG=%q\nSHARDS=%q\nCPUS=%q\nBIN=%q\nNODE=%q\n' "$CONFIG" "$SHARDS" "$CPUS" "$BIN" "$NODE"
    # printf '%q ' of no arguments prints '' (one empty argument): an empty list is written as ().
    if [ ${#SWEEP_ARGS[@]} -eq 0 ]; then echo 'SWEEP_ARGS=()'; else printf 'SWEEP_ARGS=(%s)\n' "$(printf '%q ' "${SWEEP_ARGS[@]}")"; fi
    printf 'ARRAY_JOB=%q\nMERGE_JOB=%q\n' "$array" "$merge"
  } > "$ROOT/submit.env"
  echo "array job $array (tasks $1), merge job $merge after it; results in $ROOT/merged"
}

if [ "${1:-}" = --again ]; then
  ROOT=${2:?usage: $0 --again ROOT TASK...}
  shift 2
  [ $# -gt 0 ] || { echo "submit: --again $ROOT: expected the array task ids to resubmit, e.g. 3" >&2; exit 2; }
  [ -f "$ROOT/submit.env" ] || { echo "submit: $ROOT/submit.env: expected the record of a submission, found no such file" >&2; exit 2; }
  # shellcheck source=/dev/null
  source "$ROOT/submit.env"
  # The previous merge waits for a task that will never succeed: it is replaced by one after the new tasks.
  scancel "$MERGE_JOB" 2>/dev/null || true
  tasks=$(IFS=,; echo "$*")
  submit_tasks "$tasks"
  exit 0
fi

config=${1:?usage: $0 CONFIG [ROOT] [-- sweep options...] | $0 --again ROOT TASK...}
shift
ROOT=
if [ $# -gt 0 ] && [ "$1" != -- ]; then ROOT=$1; shift; fi
[ "${1:-}" = -- ] && shift
SWEEP_ARGS=("$@")
[ -f "$config" ] || { echo "submit: $config: expected a study file, found no such file" >&2; exit 2; }
CONFIG=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
SHARDS=${SHARDS:-8}
CPUS=${CPUS:-4}
BIN=$repo/dist/src/bin.js
NODE=${NODE:-$(command -v node)}
[ -f "$BIN" ] || { echo "submit: $BIN: expected a build, found none (run npm run build)" >&2; exit 2; }
ROOT=${ROOT:-$repo/results/$(basename "$config" .yaml)-$(date +%Y%m%d-%H%M%S)}
# SLURM opens --output files before the job starts: their directory must exist now.
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
submit_tasks "0-$((SHARDS - 1))"
