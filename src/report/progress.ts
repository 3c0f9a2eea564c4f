/**
 * Progress of a sweep: on a terminal, a cli-progress bar with runs done, ETA and the best mean so far;
 * elsewhere (logs, CI) a plain line at every 10%, so logs stay readable; nothing with --quiet.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(best: string, failed: number): void;
  stop(): void;
}

/** `intro`: a line printed first (where the live report is), unless quiet. */
export function createProgress(total: number, mode: 'bar' | 'lines' | 'quiet', stream: NodeJS.WriteStream = process.stderr, intro?: string): Progress {
  if (mode === 'quiet' || total === 0) return { tick() {}, stop() {} };
  if (intro) stream.write(`${intro}\n`);
  if (mode === 'lines') {
    let done = 0;
    let lastDecile = 0;
    const start = Date.now();
    return {
      tick(best, failed) {
        done++;
        const decile = Math.floor((done * 10) / total);
        if (decile > lastDecile) {
          lastDecile = decile;
          const eta = ((Date.now() - start) / done) * (total - done) / 1000;
          stream.write(`runs ${done}/${total} (${decile * 10}%), eta ${eta.toFixed(0)}s, best ${best}${failed ? `, ${failed} failed` : ''}\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'runs {bar} {value}/{total} | eta {eta_formatted} | best {best}{failed}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      stream,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { best: '—', failed: '' });
  return {
    tick(best, failed) {
      bar.increment(1, { best, failed: failed ? ` | ${failed} failed` : '' });
    },
    stop() {
      bar.stop();
    },
  };
}
