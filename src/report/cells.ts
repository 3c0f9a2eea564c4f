/**
 * How values appear in CSV cells and terminal tables. Grid values can be lists (placement [input, pre]) or
 * maps (stddev {input: 0.01, pre: 0.1}); they render compactly and parse back unambiguously.
 */

/** A grid value as text: lists joined with "+", maps as "k=v k=v", undefined (made no difference) as "". */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(renderValue).join('+');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${renderValue(v)}`).join(' ');
  return String(value);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that a spreadsheet cannot run as a formula (OWASP "CSV injection"): text starting with = + - @ tab or CR
 * that is not a number gets a leading apostrophe. Numbers, including negative ones, stay numbers.
 */
export function safeCell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  const text = renderValue(value);
  if (FORMULA_START.test(text) && !Number.isFinite(Number(text))) return `'${text}`;
  return text;
}
