/**
 * The metrics a run of the user's own code reports: the numeric fields of a JSON object, found as the last
 * line of its output that is a JSON object (or, for a metrics file, the whole file when it is one object).
 * JSON5 parses what Python's json.dumps writes for non-finite numbers (NaN, Infinity, -Infinity), which
 * JSON.parse rejects, so a diverged run is reported as "loss is NaN" rather than as "printed no JSON".
 */
import JSON5 from 'json5';
import { METRIC_NAME, RESERVED_COLUMNS } from '../config/schema.js';

export type MetricsOutcome = { readonly metrics: Record<string, number> } | { readonly error: string };

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON5.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON object the text reports: the whole text when it is one, else its last line that is one. */
export function lastJsonObject(text: string, whole = false): Record<string, unknown> | undefined {
  if (whole) {
    const all = asObject(text);
    if (all) return all;
  }
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('{') && line.endsWith('}')) {
      const obj = asObject(line);
      if (obj) return obj;
    }
  }
  return undefined;
}

/**
 * The metrics of a reported object: its numeric top-level fields with a metric name (other fields, and the
 * names runs.csv already has, such as seed, are left out), checked to be finite and to include `require`.
 *
 * @param source what was read, for messages: "stdout" or the file's path
 */
export function metricsOf(obj: Record<string, unknown> | undefined, source: string, require: readonly string[]): MetricsOutcome {
  if (obj === undefined) return { error: `no JSON object in ${source} (the metrics are the last line of ${source} that is a JSON object, e.g. {"accuracy": 0.81})` };
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(obj)) {
    if (typeof value !== 'number' || !METRIC_NAME.test(name) || (RESERVED_COLUMNS as readonly string[]).includes(name)) continue;
    if (!Number.isFinite(value)) return { error: `${name} is ${value} in ${source} (diverged?)` };
    metrics[name] = value;
  }
  const names = Object.keys(metrics);
  const missing = require.filter((m) => !(m in metrics));
  if (missing.length > 0) return { error: `no ${missing.map((m) => `"${m}"`).join(', ')} in the JSON of ${source} (required by sort: or run.columns); it has ${names.length ? names.join(', ') : 'no numeric fields'}` };
  return { metrics };
}
