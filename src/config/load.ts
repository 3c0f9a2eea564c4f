/**
 * YAML file → validated study, with command-line overrides (--set key=value, --repeats) applied first.
 * Everything that can be wrong with the file is reported here, as one line, before any work starts.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import YAML from 'yaml';
import { InputError } from '../errors.js';
import { formatIssue } from './issues.js';
import { plainCopy, withPath } from './paths.js';
import { checkKeyPath, checkYamlKeys } from './safe-keys.js';
import { type AnyStudy, commandStudySpec, MODEL_SECTIONS, type Study, studySpec } from './schema.js';

export interface LoadedStudy<S extends AnyStudy = Study> {
  /** The config file as given on the command line. */
  readonly file: string;
  /** Folder that relative paths in the study (data.file) resolve against. */
  readonly baseDir: string;
  /** The YAML as parsed, with overrides applied: grid points are built from this. */
  readonly raw: Record<string, unknown>;
  readonly study: S;
}

export interface Overrides {
  /** "dotted.key=yaml value" pairs. */
  readonly set?: readonly string[];
  readonly repeats?: number;
}

/**
 * Parses YAML text; syntax errors become "file:line:col: message". Plain YAML only: no tags run code, and
 * keys named __proto__, constructor or prototype are refused (see safe-keys.ts).
 */
export function parseYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new InputError(`${where}: invalid YAML: ${problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  checkYamlKeys(value, file);
  return value;
}

/** Splits "key=value" and parses the value as YAML (so numbers, lists and maps work as in the file). */
export function parseSet(assignment: string): [string, unknown] {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${assignment}: expected key=value, e.g. --set train.epochs=100`);
  const key = assignment.slice(0, eq).trim();
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(key)) throw new InputError(`--set ${assignment}: expected a dotted key such as train.epochs, found "${key}"`);
  checkKeyPath(key, `--set ${assignment}`, key);
  return [key, parseYaml(assignment.slice(eq + 1), `--set ${key}`)];
}

/** Validates a raw study object; the first problem becomes an InputError naming `where` and the key. */
export function validateStudy(raw: unknown, where: string, keyPrefix = ''): Study {
  const result = studySpec.safeParse(raw);
  if (result.success) return result.data;
  throw new InputError(formatIssue(result.error.issues[0]!, studySpec, raw, where, keyPrefix));
}

/**
 * Validates a raw study of either kind: with `run:` a study of the user's own code (no model sections), else
 * one of noise-sweep's models (no `params`).
 */
export function validateAnyStudy(raw: unknown, where: string, keyPrefix = ''): AnyStudy {
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (!('run' in obj)) {
    if ('params' in obj) throw new InputError(`${where}: ${keyPrefix}params: expected params only in a study with run: (they are your own command's settings; noise-sweep's models take data, model, train, noise, eval)`);
    return validateStudy(raw, where, keyPrefix);
  }
  const section = MODEL_SECTIONS.find((k) => k in obj);
  if (section !== undefined) throw new InputError(`${where}: ${keyPrefix}${section}: expected no ${section} in a study with run: (a run: study sweeps your own code over params; ${MODEL_SECTIONS.join(', ')} describe noise-sweep's models)`);
  const result = commandStudySpec.safeParse(raw);
  if (result.success) return result.data;
  throw new InputError(formatIssue(result.error.issues[0]!, commandStudySpec, raw, where, keyPrefix));
}

/** Default study name: the config file's base name, made safe for a folder name. */
function defaultName(file: string): string {
  return basename(file, extname(file)).replace(/[^\w.-]+/g, '-') || 'study';
}

/** The config file, parsed and with overrides applied, before validation. */
function readStudyFile(file: string, overrides: Overrides): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code === 'EACCES' ? 'not readable' : String(code);
    throw new InputError(`${file}: expected a readable YAML study, found ${why}`);
  }
  const parsed = parseYaml(text, file);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`${file}: expected a YAML mapping of study keys (name, repeats, data, model, train, noise, grid...), found ${parsed === null || parsed === undefined ? 'an empty document' : Array.isArray(parsed) ? 'a list' : typeof parsed}`);
  }
  // User keys land in prototype-free objects from here on (withPath copies into them too).
  let raw = plainCopy(parsed as Record<string, unknown>);
  if (raw.name === undefined) raw.name = defaultName(file);
  for (const assignment of overrides.set ?? []) {
    const [key, value] = parseSet(assignment);
    raw = withPath(raw, key, value);
  }
  if (overrides.repeats !== undefined) raw.repeats = overrides.repeats;
  return raw;
}

/** A study of noise-sweep's own models (a `run:` study is refused: see loadAnyStudy). */
export function loadStudy(file: string, overrides: Overrides = {}): LoadedStudy {
  const raw = readStudyFile(file, overrides);
  return { file, baseDir: dirname(resolve(file)), raw, study: validateStudy(raw, file) };
}

/** A study of either kind: noise-sweep's models, or the user's own code (`run:`). */
export function loadAnyStudy(file: string, overrides: Overrides = {}): LoadedStudy<AnyStudy> {
  const raw = readStudyFile(file, overrides);
  return { file, baseDir: dirname(resolve(file)), raw, study: validateAnyStudy(raw, file) };
}
