/**
 * The peers of bench section 1 (one tutorial run): PyTorch eager (bench/torch_tutorial.py) and the tutorial's
 * own Keras code (bench/keras_tutorial.py, issue 17 item 12), one thread each, on the tutorial's rows written
 * as CSV (x1,x2,y: 30 training rows, then the test rows). null where the tool is absent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../src/data/dataset.js';
import { runPeer } from './python.js';

function withTutorialCsv<T>(data: Dataset, fn: (csv: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const csv = join(dir, 'circles.csv');
    const rows = ['x1,x2,y'];
    for (const [x, y, n] of [[data.xTrain, data.yTrain, data.nTrain], [data.xTest, data.yTest, data.nTest]] as const) {
      for (let i = 0; i < n; i++) rows.push(`${x[2 * i]},${x[2 * i + 1]},${y[i]}`);
    }
    writeFileSync(csv, rows.join('\n') + '\n');
    return fn(csv);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median seconds of `repeats` pre-noise runs of `epochs` in PyTorch eager, after one more as a warm-up. */
export function torchTutorialSeconds(root: string, data: Dataset, repeats: number, epochs: number): number | null {
  return withTutorialCsv(data, (csv) => {
    const out = runPeer('torch', join(root, 'bench', 'torch_tutorial.py'), [csv, String(repeats + 1), String(epochs)]);
    const seconds = out?.[0]?.seconds as number[] | undefined;
    return seconds === undefined ? null : median(seconds.slice(1));
  });
}

export interface KerasTiming {
  /** Seconds of one `epochs`-epoch run, scaled from a model.fit of `measured` epochs. */
  readonly seconds: number;
  readonly measured: number;
  readonly backend: string;
}

/**
 * One model.fit of the tutorial's pre-noise model over `measured` epochs with validation data, scaled to
 * `epochs` (a 4000-epoch Keras run takes minutes here: issue 17 item 12). `backend`: Keras' default
 * (tensorflow) or jax. null where Keras is absent or the run failed.
 */
export function kerasTutorialSeconds(root: string, data: Dataset, measured: number, epochs: number, backend: 'tensorflow' | 'jax'): KerasTiming | null {
  return withTutorialCsv(data, (csv) => {
    const out = runPeer('keras', join(root, 'bench', 'keras_tutorial.py'), [csv, '--time', '--placement', 'pre', '--epochs', String(measured)], { KERAS_BACKEND: backend });
    const r = out?.[0];
    if (r === undefined || typeof r.per_epoch !== 'number') return null;
    return { seconds: r.per_epoch * epochs, measured, backend: String(r.backend) };
  });
}
