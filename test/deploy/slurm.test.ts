/**
 * deploy/slurm/ under a real SLURM: deploy/slurm/check-local.sh starts a single-node cluster (munged,
 * slurmctld, slurmd on localhost), runs a study as a job array with its merge as a dependent job, compares the
 * merged results with the same study run in one process, and repeats it with one array task cancelled and
 * resubmitted. Where SLURM is not installed (CI), the test is skipped with the reason printed.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHECK = fileURLToPath(new URL('../../../deploy/slurm/check-local.sh', import.meta.url));

/** Why the check cannot run here, or null when it can. */
function missing(): string | null {
  for (const tool of ['sbatch', 'slurmctld', 'slurmd', 'munged']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not on PATH (Debian: apt-get install slurm-wlm munge)`;
  }
  if (process.getuid?.() !== 0) return 'not root (slurmd starts jobs as their user)';
  return null;
}

describe('deploy/slurm on a local SLURM cluster', function () {
  this.timeout(15 * 60_000);
  it('merges a job array into the results of one process, also after a task is cancelled and resubmitted', function () {
    const why = missing();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    const run = spawnSync(CHECK, [], { encoding: 'utf8', env: { ...process.env, REQUEUE: '0' } });
    expect(run.status, `${run.stdout}\n${run.stderr}`).to.equal(0);
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => /merged: summary\.csv identical, runs\.csv identical but for the seconds column \(24 runs\)$/.test(l))).to.have.length(2);
    expect(lines.some((l) => /task 1 cancelled after \d+ of its runs; merge job \d+ pending: DependencyNeverSatisfied$/.test(l))).to.equal(true);
    expect(lines.filter(Boolean).at(-1)).to.match(/^slurm check \[\d+ s\]: ok$/);
  });
});
