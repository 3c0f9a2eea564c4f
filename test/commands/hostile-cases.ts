/**
 * The pieces of the hostile-input suite (hostile.test.ts): what a case is, what it starts from, and the
 * small file operations its attacks and checks use.
 */
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiskFault } from '../../src/store/disk.js';
import { type CliRun, runCli } from '../helpers/cli.js';
/** The same study, slow enough (a second or more per run) that another process can act while it runs. */
export const SLOW_SET = ['--set', 'train.epochs=20000', '--set', 'model.hidden=[64]'];

export interface Ctx {
  /** Temporary folder of the case. */
  readonly work: string;
  readonly config: string;
  /** The results directory under attack. */
  readonly dir: string;
  /** runs.csv before the attack ('' when there was none). */
  readonly before: string;
  /** A process the case started (another writer), if any. */
  other?: ChildProcess;
  otherRun?: Promise<CliRun>;
}

export type Json = Omit<DiskFault, 'path'> & { readonly path?: string };

export interface Case {
  /** What the attacker does. */
  readonly attack: string;
  /** A finished sweep of TINY to attack, or none. */
  readonly start: 'finished' | 'none';
  readonly arrange?: (c: Ctx) => void | Promise<void>;
  readonly command: (c: Ctx) => string[];
  /** A disk that fails while the command runs. */
  readonly fault?: Json;
  readonly exit: number;
  readonly says: RegExp;
  /** What is on disk afterwards, as a reader would say it; `check` asserts it. */
  readonly onDisk: string;
  readonly check?: (c: Ctx, run: CliRun) => void | Promise<void>;
  /** Undo the attack before `--resume` (the fault is gone by then anyway). */
  readonly repair?: (c: Ctx) => void | Promise<void>;
  /** 'byte-identical' (the default where there were results), or 'nothing to resume' (the command made none). */
  readonly after?: 'byte-identical' | 'nothing to resume';
}

export const runs = (c: Ctx) => join(c.dir, 'runs.csv');
export const read = (path: string) => readFileSync(path, 'utf8');
export const unchanged = (c: Ctx) => expect(read(runs(c)), 'runs.csv untouched').to.equal(c.before);
export const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((n) => /\.tmp-/.test(n)), 'no temporary files left').to.deep.equal([]);
/** Every complete row of runs.csv: parses, and none is half a row. */
export function completeRows(path: string): string[] {
  const text = read(path);
  expect(text.endsWith('\n'), 'runs.csv ends on a whole row').to.equal(true);
  return text.split('\n').slice(1, -1);
}
/** The text without its `seconds` column (the one cell a re-run may change). */
export function untimed(text: string): string {
  const lines = text.trimEnd().split('\n');
  const col = lines[0]!.split(',').indexOf('seconds');
  return lines.map((l) => l.split(',').filter((_, i) => i !== col).join(',')).join('\n');
}
export function setCell(path: string, line: number, column: string, value: string): void {
  const lines = read(path).split('\n');
  const col = lines[0]!.split(',').indexOf(column);
  const cells = lines[line - 1]!.split(',');
  cells[col] = value;
  lines[line - 1] = cells.join(',');
  writeFileSync(path, lines.join('\n'));
}
export async function waitForRows(path: string, n: number): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (existsSync(path) && read(path).trim().split('\n').length > n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${n} rows in ${path}`);
}
/** Starts a slow variant of the study (`--set`) on the same directory: the other writer. */
export async function startOtherWriter(c: Ctx, rows: number): Promise<void> {
  const before = read(runs(c)).trim().split('\n').length - 1;
  c.otherRun = runCli([c.config, '--out', c.dir, '--resume', '--workers', '1', '--quiet', ...SLOW_SET], { started: (child) => (c.other = child) });
  await waitForRows(runs(c), before + rows);
}

export const FIVE_MILLION = `name: big\ngrid:\n  noise.stddev: [${Array.from({ length: 5_000_000 }, () => '0').join(',')}]\n`;
export const ALIAS_BOMB = `name: bomb\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`;

/** The CSV study of the data case (two features, a 0/1 label). */
export const DATA = `a,b,y\n${Array.from({ length: 40 }, (_, i) => `${((i * 37) % 17) / 10 - 0.8},${((i * 53) % 19) / 10 - 0.9},${i % 2}`).join('\n')}\n0.1,0.2,1\n`;
