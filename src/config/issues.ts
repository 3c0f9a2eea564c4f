/**
 * Turns zod's validation issues into the one-line messages users get: where (file and dotted key), what was
 * expected, what was found, and a "did you mean" for misspelt keys.
 */
import type { z } from 'zod';
import { getPath } from './paths.js';
import { didYouMean } from './suggest.js';

type AnySchema = z.core.$ZodType;

/** Follows wrappers (default, optional, transform pipes) down to the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if ('innerType' in def) s = def.innerType as AnySchema;
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else break;
  }
  return s;
}

/** The keys a (possibly wrapped) object schema accepts at `path`, for "did you mean" hints. */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema);
  for (const part of path) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') s = unwrap((def.shape as Record<string, AnySchema>)[String(part)] ?? s);
    else if (def.type === 'array') s = unwrap(def.element as AnySchema);
    else if (def.type === 'union') {
      const obj = (def.options as AnySchema[]).map(unwrap).find((o) => (o._zod.def as { type: string }).type === 'object');
      if (!obj) return [];
      s = unwrap(((obj._zod.def as unknown as { shape: Record<string, AnySchema> }).shape)[String(part)] ?? obj);
    } else return [];
  }
  const def = s._zod.def as unknown as Record<string, unknown>;
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type === 'union') {
    const keys = (def.options as AnySchema[]).flatMap((o) => knownKeysAt(o, []));
    return [...new Set(keys)];
  }
  if (def.type === 'record') {
    const keyDef = unwrap(def.keyType as AnySchema)._zod.def as unknown as Record<string, unknown>;
    if (keyDef.type === 'enum') return Object.keys(keyDef.entries as object);
  }
  return [];
}

/** "noise.stddev", "grid.noise\.placement[2]"-style rendering of an issue path. */
export function dotted(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function renderFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${JSON.stringify(value).slice(0, 60)})`;
  return String(value);
}

function expectation(issue: z.core.$ZodIssue): string {
  const i = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${i.expected === 'int' ? 'an integer' : `a ${String(i.expected)}`}`;
    case 'too_small':
      if (i.origin === 'array') return `expected at least ${String(i.minimum)} item(s)`;
      if (i.origin === 'string') return `expected a non-empty string`;
      return `expected a number ${i.inclusive ? '≥' : '>'} ${String(i.minimum)}`;
    case 'too_big':
      return `expected a number ${i.inclusive ? '≤' : '<'} ${String(i.maximum)}`;
    case 'invalid_value':
      return `expected one of ${(i.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `expected ${issue.message}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(i.divisor)}`;
    case 'custom':
      return issue.message;
    case 'invalid_union': {
      // Report the branch that got furthest: the one with the fewest complaints.
      const branches = (i.errors as z.core.$ZodIssue[][]) ?? [];
      const best = branches.slice().sort((a, b) => a.length - b.length)[0];
      if (best && best.length > 0 && best[0]!.path.length === 0) return expectation(best[0]!);
      return 'expected ' + (issue.message === 'Invalid input' ? 'a valid value' : issue.message);
    }
    default:
      return issue.message;
  }
}

/**
 * One line for the first issue: "<where>: <key>: expected ..., found ...".
 * `where` names the file (and, for grid points, the grid entry); `input` is the object that was validated.
 */
export function formatIssue(issue: z.core.$ZodIssue, schema: AnySchema, input: unknown, where: string, keyPrefix = ''): string {
  const prefix = (key: string) => [where, keyPrefix + key].filter((s) => s !== '').join(': ');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = knownKeysAt(schema, issue.path);
    const full = dotted([...issue.path, key]);
    return `${prefix(full)}: unknown key${didYouMean(key, known)}; expected one of ${known.join(', ')}`;
  }
  // Union issues carry the real path one level down.
  let path = issue.path;
  if (issue.code === 'invalid_union') {
    const branches = ((issue as unknown as { errors: z.core.$ZodIssue[][] }).errors ?? []).slice().sort((a, b) => a.length - b.length);
    const first = branches[0]?.[0];
    if (first && first.path.length > 0) return formatIssue({ ...first, path: [...issue.path, ...first.path] }, schema, input, where, keyPrefix);
  }
  const found = 'input' in issue && issue.code !== 'custom' ? (issue as { input?: unknown }).input : getPath(input, dotted(path));
  return `${prefix(dotted(path))}: ${expectation(issue)}, found ${renderFound(found)}`;
}
