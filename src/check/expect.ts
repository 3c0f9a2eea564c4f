/**
 * The `expect:` list of a study: bounds on summary.csv columns, optionally for a `where` selection of grid
 * points. Validated in full before any run starts, so a misspelt column fails in a second, not after the sweep.
 *
 *   expect:
 *     - where: { noise.placement: input }
 *       test_accuracy_mean: { min: 0.8 }
 *     - test_accuracy_std: { max: 0.05 }
 */
import { didYouMean } from '../config/suggest.js';
import { describe, InputError } from '../errors.js';
import { isKnownValue, matchesWhere, type PointValues, valuesOf, type Where } from './where.js';

/** One bound on one column: at least one of min and max, min ≤ max. Both are inclusive. */
export interface Bound {
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
}

/** One entry of `expect:`. */
export interface Expectation {
  /** Position in the `expect:` list, for messages ("expect[2]"). */
  readonly index: number;
  /** The selection as written ({} selects every grid point). */
  readonly where: Where;
  readonly bounds: readonly Bound[];
}

export interface ExpectContext {
  readonly gridKeys: readonly string[];
  /** The numeric summary.csv columns a bound may name: n, failed, <metric>_mean, <metric>_std, ... */
  readonly columns: readonly string[];
  /** The grid points: a plan's point values or summary rows (see where.ts). */
  readonly points: readonly PointValues[];
}

const BOUND_KEYS = ['min', 'max'] as const;

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fail(file: string, key: string, message: string): never {
  throw new InputError(`${file}: ${key}: ${message}`);
}

function parseWhere(raw: unknown, file: string, key: string, context: ExpectContext): Where {
  if (raw === undefined) return {};
  if (!isMapping(raw)) fail(file, key, `expected a mapping of grid key to value, e.g. { noise.placement: input }, found ${describe(raw)}`);
  for (const [gridKey, value] of Object.entries(raw)) {
    if (!context.gridKeys.includes(gridKey)) {
      const known = context.gridKeys.length > 0 ? `one of ${context.gridKeys.join(', ')}` : 'none: the study has no grid';
      fail(file, `${key}.${gridKey}`, `not a grid key${didYouMean(gridKey, context.gridKeys)}; expected ${known}`);
    }
    if (!isKnownValue(context.points, gridKey, value)) {
      fail(file, `${key}.${gridKey}`, `expected one of the grid's values ${valuesOf(context.points, gridKey).join(', ')}, found ${describe(value)}`);
    }
  }
  if (!context.points.some((p) => matchesWhere(p, raw))) fail(file, key, `expected a selection of at least one grid point, found none with ${describe(raw)}`);
  return raw;
}

function parseBound(raw: unknown, file: string, key: string, column: string): Bound {
  if (!isMapping(raw)) fail(file, key, `expected { min: number, max: number } (either or both), found ${describe(raw)}`);
  for (const k of Object.keys(raw)) {
    if (!(BOUND_KEYS as readonly string[]).includes(k)) fail(file, `${key}.${k}`, `unknown key${didYouMean(k, BOUND_KEYS)}; expected min or max`);
  }
  for (const k of BOUND_KEYS) {
    if (raw[k] !== undefined && (typeof raw[k] !== 'number' || !Number.isFinite(raw[k]))) fail(file, `${key}.${k}`, `expected a finite number, found ${describe(raw[k])}`);
  }
  const { min, max } = raw as { min?: number; max?: number };
  if (min === undefined && max === undefined) fail(file, key, 'expected min, max or both, found neither');
  if (min !== undefined && max !== undefined && min > max) fail(file, key, `expected min ≤ max, found min ${min} > max ${max}`);
  return { column, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function checkColumn(column: string, file: string, key: string, context: ExpectContext): void {
  if (context.columns.includes(column)) return;
  if (context.gridKeys.includes(column)) fail(file, key, `"${column}" is a grid key, not a bounded column; select its values with where: { ${column}: ... }`);
  fail(file, key, `unknown column${didYouMean(column, context.columns)}; expected a summary.csv column: ${context.columns.join(', ')}`);
}

/**
 * Validates the study's `expect:` list against the grid and the summary columns.
 *
 * @param raw the `expect:` value as parsed (a list of mappings)
 * @param file the config file, for messages
 * @param context grid keys, numeric summary columns, grid points
 * @returns one Expectation per entry, bounds in the order written
 * @throws {InputError} naming `expect[i]`, `expect[i].where.<key>` or `expect[i].<column>`: an unknown column,
 *   a `where` key that is not a grid key or a value the grid does not have, a `where` that selects no point,
 *   a bound that is not {min?, max?} of finite numbers, min > max, or an entry with no bound
 */
export function parseExpect(raw: unknown, file: string, context: ExpectContext): Expectation[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail(file, 'expect', `expected a list of bounds, found ${describe(raw)}`);
  return raw.map((entry, index) => {
    const key = `expect[${index}]`;
    if (!isMapping(entry)) fail(file, key, `expected a mapping such as { where: {...}, test_accuracy_mean: { min: 0.8 } }, found ${describe(entry)}`);
    const where = parseWhere(entry.where, file, `${key}.where`, context);
    const columns = Object.keys(entry).filter((k) => k !== 'where');
    if (columns.length === 0) fail(file, key, 'expected at least one column bound, e.g. test_accuracy_mean: { min: 0.8 }, found none');
    const bounds = columns.map((column) => {
      checkColumn(column, file, `${key}.${column}`, context);
      return parseBound(entry[column], file, `${key}.${column}`, column);
    });
    return { index, where, bounds };
  });
}
