/**
 * Placeholders in a run: study's command and metrics path. `{params.X}` (a dotted key into the point's params),
 * `{params}` (all of them as JSON), `{seed}`, `{repeat}`, `{run_id}` and `{out}` (the run's scratch folder) are
 * replaced inside one argv element: a value never splits into several arguments and never meets a shell, so
 * spaces, quotes, `;` or `$(...)` in a param reach the program as the literal characters they are.
 * `{{` and `}}` stand for literal braces; braces around anything that is not a name (`{"a": 1}`) stay as written.
 */
import { getPath } from '../config/paths.js';
import { inputError } from '../errors.js';

/** Placeholders whose value is known only when the run starts (its seed, repeat, id and scratch folder). */
export const PER_RUN = ['seed', 'repeat', 'run_id', 'out'] as const;
type PerRun = (typeof PER_RUN)[number];

/** `{{`, `}}`, or `{name}` with a dotted name. */
const TOKEN = /\{\{|\}\}|\{([A-Za-z_][\w.]*)\}/g;

export interface PlaceholderValues {
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly repeat: number;
  readonly run_id: string;
  readonly out: string;
}

/** A param value as one argument: text as is, numbers and booleans as YAML writes them, lists and maps as JSON. */
export function renderParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value ?? null);
}

/** The placeholder names in a template, in order ("params.lr", "seed", ...). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(TOKEN)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

function isParam(name: string): boolean {
  return name === 'params' || name.startsWith('params.');
}

/**
 * Checks every placeholder of a template against the point's params.
 * @throws InputError naming `key` (e.g. run.command[3]): an unknown placeholder, or a param the point does not have
 */
export function checkTemplate(template: string, params: Readonly<Record<string, unknown>>, where: string, key: string): void {
  for (const name of placeholdersOf(template)) {
    if ((PER_RUN as readonly string[]).includes(name) || name === 'params') continue;
    if (!isParam(name)) throw inputError(where, key, `a placeholder {params.<key>}, {params}, ${PER_RUN.map((p) => `{${p}}`).join(', ')} (write {{ and }} for literal braces)`, `{${name}}`);
    if (getPath(params, name.slice('params.'.length)) === undefined) {
      const known = Object.keys(params);
      throw inputError(where, key, `a param "${name.slice('params.'.length)}" for {${name}} (params: ${known.join(', ') || 'none'})`, 'none');
    }
  }
}

/** The template with every placeholder replaced: one argument in, one argument out. */
export function substitute(template: string, values: PlaceholderValues): string {
  return template.replace(TOKEN, (token: string, name: string | undefined) => {
    if (name === undefined) return token[0]!;
    if (name === 'params') return JSON.stringify(values.params);
    if (isParam(name)) return renderParam(getPath(values.params, name.slice('params.'.length)));
    return String(values[name as PerRun]);
  });
}
