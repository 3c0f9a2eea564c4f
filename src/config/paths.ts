/**
 * Dotted keys ("noise.stddev") into plain YAML-shaped objects: read, and write into a deep copy. Copies hold
 * their mappings in objects without a prototype, so no user key (not even one that slipped past the checks
 * of safe-keys.ts) can reach Object.prototype through them.
 */

export function splitKey(key: string): string[] {
  return key.split('.');
}

/** The value at a dotted key ("model.layers[2].units": list items by index), or undefined where any step is missing. */
export function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of splitKey(key).flatMap((p) => p.split(/\[(\d+)\]/).filter((s) => s !== ''))) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur) && !/^\d+$/.test(part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A deep copy of YAML-shaped data (mappings, lists, scalars) whose mappings are prototype-free objects. */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = plainCopy(v);
  return copy as T;
}

/** A deep copy of `obj` with `value` at the dotted key; steps that are missing or not objects become objects. */
export function withPath<T>(obj: T, key: string, value: unknown): T {
  const copy = plainCopy(obj) as Record<string, unknown>;
  const parts = splitKey(key);
  let cur = copy;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[part] = Object.create(null);
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = plainCopy(value);
  return copy as T;
}
