/**
 * report.html while a sweep runs: rewritten every few seconds from the results so far, so a browser that
 * keeps it open (the page reloads itself) follows the sweep. Rendering happens in the main thread, between
 * results, which is also the thread that hands runs to the workers: while it renders, a worker that finishes
 * waits for its next run. So rewrites are throttled twice: at most one per `everySeconds`, and never more
 * often than keeps rendering under RENDER_BUDGET of the time (a study whose charts take 0.8 s to draw is
 * rewritten every 16 s, not every 5), judged by the faster of the last two renders. Each rewrite is atomic (temp file + rename): a browser reloading
 * mid-write gets the previous page or the next, never half of one.
 */
import { writeFileAtomic } from './results-dir.js';

/** Default seconds between rewrites, and between the page's own reloads. */
export const LIVE_REPORT_SECONDS = 5;

/**
 * Share of wall time the main thread may spend rendering the live page. 5 %: measured on configs/grid.yaml
 * (see README, "What you get"), the sweep's wall time then grows by less than the noise between repeats.
 */
export const RENDER_BUDGET = 0.05;

export interface LiveReportOptions {
  /** The page to rewrite (results-dir/report.html). */
  readonly path: string;
  readonly everySeconds: number;
  /** The page as it stands now; called at most once at a time. */
  readonly render: () => Promise<string>;
  /** A render or write that failed: the live page stops there (the final report is still written). */
  readonly onError: (err: unknown) => void;
  /** Milliseconds; a test may pass a clock of its own. */
  readonly now?: () => number;
}

export interface LiveReport {
  /** Results changed: rewrite now if the last rewrite is old enough, else once it is. */
  update(): void;
  /** No rewrite after this; resolves once the one in flight, if any, has finished. */
  stop(): Promise<void>;
  /** Pages written so far, milliseconds spent rendering and writing them, and the least gap to the next. */
  stats(): { readonly writes: number; readonly busyMs: number; readonly gapMs: number };
}

export function startLiveReport(opts: LiveReportOptions): LiveReport {
  const now = opts.now ?? (() => performance.now());
  let stopped = false;
  let dirty = false;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastStart = -Infinity;
  let gapMs = opts.everySeconds * 1000;
  let lastTook = Infinity;
  let writes = 0;
  let busyMs = 0;

  const rewrite = (): void => {
    dirty = false;
    const start = now();
    lastStart = start;
    inFlight = (async () => {
      try {
        const html = await opts.render();
        // stop() may have come while rendering: the final report is about to be written, never overwrite it.
        if (!stopped) {
          writeFileAtomic(opts.path, html);
          writes++;
        }
      } catch (err) {
        stopped = true;
        opts.onError(err);
      } finally {
        const took = now() - start;
        busyMs += took;
        // The faster of the last two renders: one slow outlier (the first page with charts, while vega's code is
        // still cold, about 3 s here; a burst of load from elsewhere) does not stop the page for a minute.
        const cost = Math.min(took, lastTook);
        lastTook = took;
        gapMs = Math.max(opts.everySeconds * 1000, cost * (1 / RENDER_BUDGET - 1));
        inFlight = undefined;
        if (dirty) update();
      }
    })();
  };

  const update = (): void => {
    if (stopped) return;
    dirty = true;
    if (inFlight || timer) return;
    const wait = lastStart + gapMs - now();
    if (wait <= 0) rewrite();
    else {
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopped) rewrite();
      }, wait);
      // A pending rewrite never keeps the process alive.
      timer.unref();
    }
  };

  return {
    update,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    stats: () => ({ writes, busyMs, gapMs }),
  };
}
