#!/bin/bash
# SLURM for real, on this machine: starts a single-node cluster (local-cluster.sh), runs a study as a job array
# with its merge as a dependent job (submit.sh), and checks that the merged results equal the same study run in
# one process; then again with one array task cancelled mid-shard and resubmitted (submit.sh --again), which
# resumes the shard it left; with REQUEUE=1 also with a running task requeued (scontrol requeue: SLURM holds it
# for about two minutes, then it restarts and resumes). Two shards: each misses some grid points, so its own
# expect: bounds fail, which must not stop the merge. Stops the cluster at the end, whatever happens. Needs
# root, slurm-wlm, munge and a build (npm run build).
#
#   deploy/slurm/check-local.sh [STUDY]        # default deploy/slurm/local-check.yaml
#
# Prints one line per step and "slurm check: ok" at the end; exit 0 when every check held.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
study=$(cd "$(dirname "${1:-$here/local-check.yaml}")" && pwd)/$(basename "${1:-$here/local-check.yaml}")
work=$(mktemp -d /tmp/noise-sweep-slurm-check-XXXXXX)
started=$(date +%s)
say() { echo "slurm check [$(($(date +%s) - started)) s]: $*"; }
fail() { echo "slurm check: FAILED: $*" >&2; exit 1; }

finish() {
  status=$?
  if [ "$status" -ne 0 ]; then
    for log in "$work"/cluster/slurmctld.log "$work"/cluster/slurmd.log "$work"/*/slurm-*.out "$work"/*/merge-*.out; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  "$here/local-cluster.sh" stop "$work/cluster" || true
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT

# JobState of every task of a job (one per line; an array gives one line per task).
states() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }
reason() { scontrol -o show job "$1" | grep -o 'Reason=[A-Za-z]*' | head -n 1 | cut -d= -f2; }
# Waits until no task of job $1 is pending or running (at most $2 seconds); a job whose dependency can no
# longer be met fails at once.
wait_done() {
  local deadline=$(($(date +%s) + $2))
  while states "$1" | grep -qE '^(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED)$'; do
    [ "$(reason "$1")" != DependencyNeverSatisfied ] || fail "job $1 can never start: a job it depends on failed"
    [ "$(date +%s)" -lt "$deadline" ] || fail "job $1 still not done after $2 s: $(states "$1" | sort | uniq -c | tr -s ' \n' ' ')"
    sleep 0.5
  done
}
job_of() { grep "^$2=" "$1/submit.env" | cut -d= -f2; }
# runs.csv without its seconds column (the one thing that differs between equal sweeps).
untimed() { awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") c = i } { $c = ""; print }' "$1"; }
# Waits until array task $2 of ROOT $1 has recorded a run, so stopping it now leaves a shard half done.
wait_first_run() {
  local deadline=$(($(date +%s) + 300))
  until [ -f "$1/shard-$2/runs.csv" ] && [ "$(wc -l < "$1/shard-$2/runs.csv")" -ge 2 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "task $2 recorded no run in 300 s"
    sleep 0.1
  done
}
same_as_single() { # ROOT
  cmp -s "$work/single/summary.csv" "$1/merged/summary.csv" || fail "$1/merged/summary.csv differs from the single-process summary.csv"
  diff -q <(untimed "$work/single/runs.csv") <(untimed "$1/merged/runs.csv") >/dev/null || fail "$1/merged/runs.csv differs from the single-process runs.csv"
  say "$1/merged: summary.csv identical, runs.csv identical but for the seconds column ($(($(wc -l < "$1/merged/runs.csv") - 1)) runs)"
}

eval "$("$here/local-cluster.sh" start "$work/cluster")"
say "cluster up ($SLURM_CONF)"
node "$repo/dist/src/bin.js" "$study" --out "$work/single" --workers 1 --quiet
say "one process: $work/single"

export SHARDS=2 CPUS=1
# 1. The array and its dependent merge.
"$here/submit.sh" "$study" "$work/plain" | sed 's/^/  /'
merge=$(job_of "$work/plain" MERGE_JOB)
wait_done "$merge" 600
[ "$(states "$merge")" = COMPLETED ] || fail "merge job $merge ended $(states "$merge")"
[ "$(states "$(job_of "$work/plain" ARRAY_JOB)" | sort -u)" = COMPLETED ] || fail "array tasks: $(states "$(job_of "$work/plain" ARRAY_JOB)" | tr '\n' ' ')"
same_as_single "$work/plain"

# 2. Task 1 cancelled after its first run: the merge cannot start; resubmitted, the task resumes its shard.
"$here/submit.sh" "$study" "$work/cancel" | sed 's/^/  /'
array=$(job_of "$work/cancel" ARRAY_JOB)
merge=$(job_of "$work/cancel" MERGE_JOB)
wait_first_run "$work/cancel" 1
scancel "${array}_1"
wait_done "$array" 600
[ "$(states "${array}_1")" = CANCELLED ] || fail "task 1 ended $(states "${array}_1") (finished before it was cancelled?)"
done_before=$(($(wc -l < "$work/cancel/shard-1/runs.csv") - 1))
reason=
for _ in $(seq 1 60); do
  reason=$(reason "$merge")
  [ "$reason" = DependencyNeverSatisfied ] && break
  sleep 0.5
done
[ "$(states "$merge")" = PENDING ] && [ "$reason" = DependencyNeverSatisfied ] || fail "merge job $merge: expected PENDING (DependencyNeverSatisfied), found $(states "$merge") ($reason)"
say "task 1 cancelled after $done_before of its runs; merge job $merge pending: $reason"
"$here/submit.sh" --again "$work/cancel" 1 | sed 's/^/  /'
merge2=$(job_of "$work/cancel" MERGE_JOB)
wait_done "$merge2" 600
[ "$(states "$merge")" = CANCELLED ] || fail "the first merge job $merge ended $(states "$merge"), expected CANCELLED"
[ "$(states "$merge2")" = COMPLETED ] || fail "merge job $merge2 ended $(states "$merge2")"
grep -q -- '--resume' "$work"/cancel/slurm-"$(job_of "$work/cancel" ARRAY_JOB)"_1.out || fail "the resubmitted task did not resume its shard"
same_as_single "$work/cancel"

# 3. (REQUEUE=1) Task 0 requeued while running: same job, restarted after SLURM's requeue delay, resumed.
if [ "${REQUEUE:-0}" = 1 ]; then
  "$here/submit.sh" "$study" "$work/requeue" | sed 's/^/  /'
  array=$(job_of "$work/requeue" ARRAY_JOB)
  wait_first_run "$work/requeue" 0
  scontrol requeue "${array}_0"
  say "task 0 requeued; SLURM holds it until $(scontrol -o show job "${array}_0" | grep -o 'EligibleTime=[^ ]*' | cut -d= -f2)"
  merge=$(job_of "$work/requeue" MERGE_JOB)
  wait_done "$merge" 900
  [ "$(states "$merge")" = COMPLETED ] || fail "merge job $merge ended $(states "$merge")"
  grep -q 'restart 1: .* --resume' "$work/requeue/slurm-${array}_0.out" || fail "the requeued task did not resume its shard"
  same_as_single "$work/requeue"
fi
say "ok"
