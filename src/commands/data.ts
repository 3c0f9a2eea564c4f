/**
 * `sweep data GENERATOR [--samples ...]` or `sweep data --config study.yaml [--set ...]`: write the table a
 * study trains on (every row, before the train/test split) as CSV, so it can be plotted or fed to other tools.
 * The settings go through the study schema (the same defaults and checks as a `data:` section), and a study
 * file goes through the plan (its grid and --set applied), so the file holds exactly the rows the runs see.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { loadStudy } from '../config/load.js';
import { dotted, formatIssue } from '../config/issues.js';
import { dataSpec, type GeneratedData, type GeneratorName, type Preprocessing } from '../config/schema.js';
import { featureColumns, generatedTable } from '../data/generate.js';
import { shuffleTable } from '../data/preprocess/shuffle.js';
import { InputError } from '../errors.js';
import { makePlan } from '../plan/plan.js';
import { safeCell } from '../report/cells.js';

/** A generator's settings as `data:` keys (samples, seed, noise, clusterStd, ...), from flags. */
export type DataSettings = Readonly<Record<string, number | boolean>>;

export interface DataOptions {
  /** A generator, with `settings` for its `data:` keys (the rest take the study defaults)... */
  readonly generator?: GeneratorName;
  readonly settings?: DataSettings;
  /** ...or a study file: its `data:` section with `set` and the grid applied. */
  readonly config?: string;
  readonly set?: readonly string[];
  /** Output CSV path; an existing file is never overwritten. */
  readonly out: string;
  readonly log?: (line: string) => void;
}

/** One dataset to write, with the data grid values that produced it (empty without a data grid). */
interface Block {
  readonly spec: GeneratedData & Preprocessing;
  readonly labels: Readonly<Record<string, string | number>>;
}

/** `clusterStd` → `--cluster-std`: the flag a data key is given as. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A spec from flags, checked by the study schema; its messages name the flag. */
function specFromFlags(generator: GeneratorName, settings: DataSettings): GeneratedData {
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'number' && Number.isNaN(value)) throw new InputError(`${flagOf(key)}: expected a number, found something that is not a number`);
  }
  // trainSize only splits rows for training; every row is written, so any valid value will do.
  const raw = { generator, ...settings, trainSize: 1 };
  const parsed = dataSpec.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = dotted(issue.path);
    const message = formatIssue(issue, dataSpec, raw, '');
    throw new InputError(`${flagOf(key)}: ${message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message}`);
  }
  return parsed.data as GeneratedData;
}

/** The distinct datasets of a study's grid points, in grid order, each with its data grid keys' values. */
function blocksFromStudy(config: string, set: readonly string[]): { blocks: Block[]; dataKeys: string[]; trainSizes: number[] } {
  const loaded = loadStudy(config, { set });
  const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  // data.trainSize splits the rows without changing them: it gets no column and makes no new dataset.
  const dataKeys = plan.gridKeys.filter((k) => (k === 'data' || k.startsWith('data.')) && k !== 'data.trainSize');
  const seen = new Set<string>();
  const blocks: Block[] = [];
  for (const point of plan.points) {
    const spec = point.config.data;
    if (!('generator' in spec)) throw new InputError(`${config}: data.file: expected a generator (sweep data writes generated tables; this study reads ${spec.file}, which is one already)`);
    const key = JSON.stringify({ ...spec, trainSize: undefined });
    if (seen.has(key)) continue;
    seen.add(key);
    blocks.push({ spec, labels: Object.fromEntries(dataKeys.map((k) => [k, safeCell(point.values[k])])) });
  }
  const trainSizes = [...new Set(plan.points.map((p) => p.config.data.trainSize))];
  const columns = new Set(blocks.map((b) => featureColumns(b.spec).join(',')));
  if (columns.size > 1) {
    throw new InputError(`${config}: grid: expected datasets with the same columns in one file, found ${columns.size} kinds (the grid varies ${dataKeys.join(', ')}); write one at a time, e.g. --set 'grid={}' --set ${dataKeys[0]}=...`);
  }
  return { blocks, dataKeys, trainSizes };
}

/** Writes the CSV text to a new file; one-line errors for an existing file or a missing folder. */
async function writeNew(out: string, text: string): Promise<void> {
  try {
    await writeFile(out, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${out}: --out: expected a new file, found an existing one (not overwritten)`);
    if (code === 'ENOENT') throw new InputError(`${out}: --out: expected a file in an existing directory, found no such directory`);
    throw new InputError(`${out}: --out: expected a writable file, found ${code ?? String(err)}`);
  }
}

/**
 * Writes the table. Columns: the data grid keys when the study's grid varies `data.*` (one block of rows
 * per dataset, in grid order), then the features (featureColumns), then y. Numbers are printed in full
 * (shortest round-trip form), so loading the file gives the same doubles.
 */
export async function dataCommand(opts: DataOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  if ((opts.generator === undefined) === (opts.config === undefined)) {
    throw new InputError(`sweep data: expected a generator (circles, moons, blobs, classification, friedman1, shapes, sequences) or --config study.yaml, found ${opts.generator ? 'both' : 'neither'}`);
  }
  const settings = Object.keys(opts.settings ?? {});
  if (opts.config !== undefined && settings.length > 0) throw new InputError(`${flagOf(settings[0]!)}: expected no generator flags with --config (the study's data: section decides; change it with --set data.${settings[0]}=...)`);
  const { blocks, dataKeys, trainSizes }: { blocks: Block[]; dataKeys: string[]; trainSizes: number[] } = opts.config !== undefined
    ? blocksFromStudy(opts.config, opts.set ?? [])
    : { blocks: [{ spec: specFromFlags(opts.generator!, opts.settings ?? {}), labels: {} }], dataKeys: [], trainSizes: [] };

  const rows: (string | number)[][] = [];
  for (const { spec, labels } of blocks) {
    // data.shuffle reorders the rows before the split: the file has them in the runs' order.
    const generated = generatedTable(spec);
    const table = typeof spec.shuffle === 'number' ? shuffleTable(generated, spec.shuffle) : generated;
    const lead = dataKeys.map((k) => labels[k]!);
    for (let i = 0; i < table.y.length; i++) rows.push([...lead, ...table.X.subarray(i * table.nFeatures, (i + 1) * table.nFeatures), table.y[i]!]);
  }
  const columns = [...dataKeys, ...featureColumns(blocks[0]!.spec), 'y'];
  // String(-0) is "0"; keep the sign so a round trip gives the same doubles.
  await writeNew(opts.out, stringify(rows, { header: true, columns, cast: { number: (v) => (Object.is(v, -0) ? '-0' : String(v)) } }));

  const perBlock = rows.length / blocks.length;
  const what = blocks.length > 1 ? `${blocks.length} datasets of ${perBlock} rows (one per value of ${dataKeys.join(', ')}, in its first column${dataKeys.length > 1 ? 's' : ''})` : `${rows.length} rows`;
  const first = trainSizes.length === 1 ? `${trainSizes[0]}` : `${trainSizes.join(', ')} (by grid point)`;
  const standardized = blocks.some((b) => b.spec.standardize) ? " (the file holds the features raw; runs standardize them with their training rows' statistics)" : '';
  const split = trainSizes.length === 0 ? '' : `; a run trains on the first ${first} rows${blocks.length > 1 ? ' of its dataset' : ''} and tests on the rest${standardized}`;
  log(`wrote ${opts.out}: ${what}, columns ${columns.length > 6 ? `${columns.slice(0, 3).join(', ')}, ..., ${columns.slice(-2).join(', ')}` : columns.join(', ')}${split}`);
}
