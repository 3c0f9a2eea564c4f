/**
 * Text widths for vega's layout in Node. Without a canvas vega guesses 0.8 em per character, about 1.6 times
 * the real width of Helvetica/Arial text, so it leaves wide gaps around rotated axis titles and hides axis
 * labels that would fit. The `canvas` package would measure exactly but needs a native build (Cairo); these
 * Arial advance widths (em units, from the font's metrics, grouped) come within a few percent for labels.
 */
import * as vega from 'vega';

const NARROW = new Set("il.,:;'|!ijtfI()[] ");
const WIDE = new Set('mwMW@%');
/** Arial advance widths in em: narrow glyphs, wide glyphs, capitals, digits, everything else. */
const EM = { narrow: 0.278, wide: 0.85, capital: 0.68, digit: 0.556, other: 0.52 } as const;
const BOLD_FACTOR = 1.07;

export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += EM.narrow;
    else if (WIDE.has(ch)) em += EM.wide;
    else if (ch >= '0' && ch <= '9') em += EM.digit;
    else if (ch >= 'A' && ch <= 'Z') em += EM.capital;
    else em += EM.other;
  }
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}

interface TextItem {
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
  readonly text?: unknown;
}

let installed = false;

/**
 * Makes vega measure text with estimateTextWidth (once per process; vl-convert replaces the same hook). The
 * hook is vega's documented textMetrics.width, which its types do not declare.
 */
export function useTextWidthEstimate(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const value = String(text ?? item.text ?? '').trim();
    const size = item.fontSize ?? 11;
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return estimateTextWidth(value, size, bold);
  };
  installed = true;
}
