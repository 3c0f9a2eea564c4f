/**
 * `npm run bench -- [--smoke] [--skip-study] [--no-python] [--only SECTION[,SECTION]]`: which sections run, at
 * which sizes, and whether the Python peers run (--no-python: their rows say n/a, as on a machine without them).
 * Without --only every section runs (the default `npm run bench`); --only names them, in any order, also as
 * several flags (`--only models --only tutorial`). A section name that does not exist is bad input: one line
 * naming the flag and the sections there are.
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
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let smoke = false;
  let skipStudy = false;
  let python = true;
  const only: Section[] = [];
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
    } else throw new InputError(`bench: expected --smoke, --skip-study, --no-python or --only SECTION[,SECTION], found "${arg}"`);
  }
  const sections = new Set<Section>(only.length > 0 ? only : SECTIONS);
  if (skipStudy) sections.delete('study');
  return { smoke, sections, python };
}
