#!/usr/bin/env node
// A user's own training script in Node, as `sweep` runs it: the tutorial's problem (two circles, 30 training
// rows, 70 test rows) and model (Dense(hidden, relu) -> Dense(1, sigmoid), full-batch Adam, binary
// cross-entropy) with Gaussian noise on the inputs or before the activation. Its settings come from
// SWEEP_PARAMS and its seed from SWEEP_SEED (no arguments needed); it prints its metrics as a JSON line.
const params = { noise: 0, placement: 'pre', hidden: 64, epochs: 1000, lr: 0.01, ...JSON.parse(process.env.SWEEP_PARAMS ?? '{}') };
const seed = Number(process.env.SWEEP_SEED ?? 1);

/** mulberry32: a small seeded generator; Box-Muller for normals. */
function generator(s) {
  let a = s >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (sd) => sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

function circles(n = 100, noise = 0.1, factor = 0.8) {
  const rng = generator(1);
  const rows = Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const angle = 2 * Math.PI * rng.uniform();
    const r = label ? factor : 1;
    return { x: [r * Math.cos(angle) + rng.normal(noise), r * Math.sin(angle) + rng.normal(noise)], y: label };
  });
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return [rows.slice(0, 30), rows.slice(30)];
}

const [trainRows, testRows] = circles();
const rng = generator(seed);
const H = params.hidden;
const glorot = (fanIn, fanOut) => { const l = Math.sqrt(6 / (fanIn + fanOut)); return () => (2 * rng.uniform() - 1) * l; };
const g1 = glorot(2, H), g2 = glorot(H, 1);
// Parameters in one array: w1 (2 × H), b1 (H), w2 (H), b2 (1).
const P = new Float64Array(4 * H + 1);
for (let j = 0; j < 2 * H; j++) P[j] = g1();
for (let j = 0; j < H; j++) P[3 * H + j] = g2();
const m = new Float64Array(P.length), v = new Float64Array(P.length), g = new Float64Array(P.length);
const [B1, B2, EPS, CLIP] = [0.9, 0.999, 1e-7, 1e-7]; // Keras' Adam defaults and probability clipping

function forward(x, noisy, z, h) {
  const xs = noisy && params.placement === 'input' ? [x[0] + rng.normal(params.noise), x[1] + rng.normal(params.noise)] : x;
  let logit = P[4 * H];
  for (let j = 0; j < H; j++) {
    z[j] = xs[0] * P[j] + xs[1] * P[H + j] + P[2 * H + j] + (noisy && params.placement === 'pre' ? rng.normal(params.noise) : 0);
    h[j] = z[j] > 0 ? z[j] : 0;
    logit += h[j] * P[3 * H + j];
  }
  return { xs, p: 1 / (1 + Math.exp(-logit)) };
}

const z = new Float64Array(H), h = new Float64Array(H);
for (let step = 1; step <= params.epochs; step++) {
  g.fill(0);
  for (const { x, y } of trainRows) {
    const { xs, p } = forward(x, params.noise > 0, z, h);
    const d = (p - y) / trainRows.length;
    for (let j = 0; j < H; j++) {
      const dz = z[j] > 0 ? d * P[3 * H + j] : 0;
      g[j] += xs[0] * dz;
      g[H + j] += xs[1] * dz;
      g[2 * H + j] += dz;
      g[3 * H + j] += d * h[j];
    }
    g[4 * H] += d;
  }
  for (let i = 0; i < P.length; i++) {
    m[i] = B1 * m[i] + (1 - B1) * g[i];
    v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
    P[i] -= (params.lr * (m[i] / (1 - B1 ** step))) / (Math.sqrt(v[i] / (1 - B2 ** step)) + EPS);
  }
}

function evaluate(rows) {
  let correct = 0, loss = 0;
  for (const { x, y } of rows) {
    const p = Math.min(Math.max(forward(x, false, z, h).p, CLIP), 1 - CLIP);
    correct += (p > 0.5 ? 1 : 0) === y ? 1 : 0;
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return [correct / rows.length, loss / rows.length];
}
const [trainAccuracy, trainLoss] = evaluate(trainRows);
const [testAccuracy, testLoss] = evaluate(testRows);
console.log(`trained ${params.epochs} epochs`);
console.log(JSON.stringify({ train_accuracy: trainAccuracy, train_loss: trainLoss, test_accuracy: testAccuracy, test_loss: testLoss }));
