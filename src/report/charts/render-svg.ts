/**
 * vega-lite spec → static SVG text, in Node, at report time: compiled to vega, run headless (no renderer,
 * no DOM), serialized with vega's own SVG writer. The result needs no script to view.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { useTextWidthEstimate } from './text-width.js';

/**
 * SVG for a vega-lite spec, ready to inline in HTML: ids prefixed with `idPrefix` (several charts on one page
 * must not share clip-path ids) and the namespace declarations dropped (HTML parsing puts inline <svg> in the
 * SVG namespace by itself, and the page then holds no URL at all).
 *
 * @param spec a vega-lite spec with inline data only: nothing is loaded
 * @param idPrefix unique per chart on the page, e.g. "c1-"
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  useTextWidthEstimate();
  const vegaSpec = compile(spec).spec;
  // The loader refuses every load: data is inline, so anything else is a bug (or a network access). vega
  // logs a failed load and renders on without the data, so the refusal is recorded and thrown afterwards.
  let refused: string | undefined;
  const refuse = (what: unknown) => {
    refused ??= String(what);
    return Promise.reject(new Error('renderSvg: charts use inline data only'));
  };
  const loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: loader as never, logLevel: 0 });
  try {
    const svg = await view.toSVG();
    if (refused !== undefined) throw new Error(`renderSvg: charts use inline data only, found a load of ${refused}`);
    return prefixIds(svg, idPrefix).replace(/ xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    view.finalize();
  }
}

/** Renames every id="x" to id="<prefix>x" and its references url(#x) and href="#x". */
function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}
