/**
 * Keys a user may not write: `__proto__`, `constructor` and `prototype` name JavaScript's own object
 * machinery. Assigning `obj.__proto__.x` or `obj.constructor.prototype.x` changes every object in the process
 * (prototype pollution), so they are refused wherever a user's key becomes a property: `--set` paths, `grid:`
 * keys (dotted paths too) and every key of a YAML mapping. No study needs them: no setting has such a name.
 */
import { InputError } from '../errors.js';

export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The first segment of a dotted key ("a.b[2].c": a, b, 2, c) that is reserved, or undefined. */
export function reservedSegment(key: string): string | undefined {
  return key.split(/[.[\]]/).find((part) => RESERVED_KEYS.includes(part));
}

/** The one-line refusal: `where: key: expected ..., found "__proto__"`. */
export function reservedKeyError(where: string, key: string, segment: string): InputError {
  return new InputError(`${where}: ${key}: expected setting names, found "${segment}" (__proto__, constructor and prototype are refused: they would reach JavaScript's object prototypes)`);
}

/** Throws when a dotted key has a reserved segment; `where` names the file or flag, `label` the key as the user wrote it. */
export function checkKeyPath(key: string, where: string, label = key): void {
  const segment = reservedSegment(key);
  if (segment !== undefined) throw reservedKeyError(where, label, segment);
}

/**
 * Throws when any mapping key in a parsed YAML value (at any depth, inside lists too) is reserved or has a
 * reserved dotted segment (grid, baseline and where keys are dotted paths). The yaml package stores a
 * `__proto__` key as an own property, so Object.keys sees it.
 */
export function checkYamlKeys(value: unknown, where: string, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkYamlKeys(item, where, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const label = path ? `${path}.${key}` : key;
    checkKeyPath(key, where, label);
    checkYamlKeys((value as Record<string, unknown>)[key], where, label);
  }
}
