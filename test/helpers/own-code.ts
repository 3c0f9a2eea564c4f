/** run: studies for tests: the fixture script (test/fixtures/own-code/run.mjs) as the user's command. */
import { loadAnyStudy } from '../../src/config/load.js';
import type { CommandStudy } from '../../src/config/schema.js';
import { makeCommandPlan } from '../../src/plan/plan.js';
import type { CommandTask } from '../../src/protocol.js';
import { tmpFile } from './tmp.js';

export const SCRIPT = new URL('../../../test/fixtures/own-code/run.mjs', import.meta.url).pathname;

/** A study running the fixture script in `mode` (more arguments after it), with `extra` YAML lines. */
export function scriptStudy(mode: string, extra = '', args: readonly string[] = []): string {
  const argv = [process.execPath, SCRIPT, mode, ...args].map((a) => JSON.stringify(a)).join(', ');
  return `name: own\nseed: 3\nrepeats: 2\nparams: { mode: ${mode} }\nrun:\n  command: [${argv}]\nsort: score\n${extra}`;
}

/** The tasks of a study given as YAML text. */
export function commandTasks(yaml: string): CommandTask[] {
  const loaded = loadAnyStudy(tmpFile('own.yaml', yaml));
  return [...makeCommandPlan(loaded.raw, loaded.study as CommandStudy, loaded.file, loaded.baseDir).runs];
}
