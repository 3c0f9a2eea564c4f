/** Dotted keys ("noise.stddev") into plain YAML-shaped objects: read, and write into a deep copy. */

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

/** A deep copy of `obj` with `value` at the dotted key; steps that are missing or not objects become objects. */
export function withPath<T>(obj: T, key: string, value: unknown): T {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const parts = splitKey(key);
  let cur = copy;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = structuredClone(value);
  return copy as T;
}
