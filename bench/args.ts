/**
 * `npm run bench -- [--smoke] [--skip-study] [--no-python] [--only SECTION[,SECTION]] [--runs N[,N]]`: which sections run, at
 * which sizes, and whether the Python peers run (--no-python: their rows say n/a, as on a machine without them).
 * Without --only every section runs (the default `npm run bench`); --only names them, in any order, also as
 * several flags (`--only models --only tutorial`). A section name that does not exist is bad input: one line
 * naming the flag and the sections there are. --runs sets the sizes of the scale section's sweeps (default
 * 50,000, 100,000 and 200,000 runs; e.g. `--only scale --runs 1000000`, about half an hour here).
 */
import { InputError } from '../src/errors.js';

/** The sections, in the order they print (their numbers in the output). */
export const SECTIONS = ['tutorial', 'throughput', 'memory', 'study', 'own-code', 'models', 'scale', 'point'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  /** Tiny sizes: checks that the benchmark itself works, in seconds; the figures mean nothing. */
  readonly smoke: boolean;
  readonly sections: ReadonlySet<Section>;
  /** false: skip PyTorch, JAX and Keras (n/a), e.g. to check the bench quickly or as a machine without them. */
  readonly python: boolean;
  /** The scale section's sweep sizes in runs (--runs), or undefined for its defaults. */
  readonly runs?: readonly number[];
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let smoke = false;
  let skipStudy = false;
  let python = true;
  const only: Section[] = [];
  let runs: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--smoke') smoke = true;
    else if (arg === '--skip-study') skipStudy = true;
    else if (arg === '--no-python') python = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value === undefined || value === '') throw new InputError(`--only: expected a section name (${SECTIONS.join(', ')}), found nothing`);
      for (const name of value.split(',')) {
        if (!(SECTIONS as readonly string[]).includes(name)) throw new InputError(`--only: expected sections among ${SECTIONS.join(', ')}, found "${name}"`);
        only.push(name as Section);
      }
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const sizes = (value ?? '').split(',').map((v) => (/^\d+$/.test(v.replace(/_/g, '')) ? Number(v.replace(/_/g, '')) : NaN));
      if (value === undefined || value === '' || sizes.some((n) => !(n >= 1))) throw new InputError(`--runs: expected sizes of the scale sweeps as whole numbers ≥ 1 (e.g. 1000000 or 100000,1000000), found ${JSON.stringify(value ?? '')}`);
      runs = sizes;
    } else throw new InputError(`bench: expected --smoke, --skip-study, --no-python, --only SECTION[,SECTION] or --runs N[,N], found "${arg}"`);
  }
  const sections = new Set<Section>(only.length > 0 ? only : SECTIONS);
  if (skipStudy) sections.delete('study');
  return { smoke, sections, python, ...(runs ? { runs } : {}) };
}
