/**
 * noise-sweep as a dependency of another project: test/fixtures/consumer imports it by name ('noise-sweep'),
 * is type-checked against the published declarations (package.json exports/types) and run as plain ESM.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpDir } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/consumer');

describe('noise-sweep as a package (an ESM consumer importing it by name)', function () {
  this.timeout(180_000);

  it('type-checks against the published types and runs a study through runStudy()', () => {
    const project = join(tmpDir(), 'consumer');
    cpSync(FIXTURE, project, { recursive: true });
    mkdirSync(join(project, 'node_modules/@types'), { recursive: true });
    // What `npm install noise-sweep` leaves: the package (here, this checkout) under node_modules.
    symlinkSync(ROOT, join(project, 'node_modules/noise-sweep'), 'dir');
    symlinkSync(join(ROOT, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'), 'dir');
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
    const run = spawnSync(process.execPath, [join(project, 'out/consumer.mjs'), join(project, 'results')], { encoding: 'utf8', cwd: project });
    expect(run.status, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout.trim())).to.deep.equal({ runs: 6, metrics: ['accuracy', 'loss'], failed: false, errorClass: 'RunsFailed' });
  });
});
