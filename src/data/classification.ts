/**
 * scikit-learn's make_classification (weights None, shift 0, scale 1, shuffle on or off): clusters of normal
 * points around the vertices of a hypercube in the informative dimensions, plus redundant (linear
 * combinations), repeated and useless features, and a fraction flipY of labels replaced at random.
 */
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';
import type { ClassificationData } from '../config/schema.js';
import { sampleWithoutReplacement } from './sample-without-replacement.js';
import { shuffleRows } from './shuffle-rows.js';

/** make_classification's arguments: the study's `data:` keys (one definition, in the schema), and shuffle. */
export type ClassificationOptions = Omit<ClassificationData, 'generator' | 'trainSize'> & { readonly shuffle?: boolean };

/** sklearn's _generate_hypercube: `samples` distinct vertices of the unit hypercube in `dimensions`, as 0/1 rows. */
function hypercubeVertices(rng: RandomState, samples: number, dimensions: number): Float64Array {
  const out = new Float64Array(samples * dimensions);
  let low = 0;
  if (dimensions > 30) {
    // hstack([rng.randint(2, size=(samples, dimensions - 30)), _generate_hypercube(samples, 30, rng)]): the random columns are drawn first.
    low = dimensions - 30;
    for (let r = 0; r < samples; r++) for (let c = 0; c < low; c++) out[r * dimensions + c] = rng.interval(1);
  }
  const width = dimensions - low;
  const picked = sampleWithoutReplacement(rng, 2 ** width, samples);
  // unpackbits of the big-endian 32-bit value, last `width` columns: the value's bits, most significant first.
  picked.forEach((v, r) => {
    for (let c = 0; c < width; c++) out[r * dimensions + low + c] = Math.floor(v / 2 ** (width - 1 - c)) % 2;
  });
  return out;
}

/**
 * out (rows × cols) = a (rows × inner) · b (inner × cols), each sum accumulated left to right from 0, as the
 * reference BLAS dgemm does (see test/fixtures/gen/make_data_tasks.py for what other BLAS builds give).
 */
function matmul(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += a[r * inner + k]! * b[k * cols + c]!;
      out[r * cols + c] = sum;
    }
  }
  return out;
}

/** `2 * generator.uniform(size=n) - 1`. */
function symmetricUniform(rng: RandomState, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rng.randomSample() - 1;
  return out;
}

/**
 * Same numbers and row order as `sklearn.datasets.make_classification(n_samples=samples, n_features=features,
 * n_informative=informative, n_redundant=redundant, n_repeated=repeated, n_classes=classes,
 * n_clusters_per_class=clustersPerClass, flip_y=flipY, class_sep=classSep, hypercube=hypercube,
 * shuffle=shuffle, random_state=seed)` (scikit-learn 1.2), up to the rounding of its matrix products (above).
 * @throws RangeError for arguments make_classification rejects (callers validate user input first).
 */
export function makeClassification(opts: ClassificationOptions): Table {
  const { samples, features, informative, redundant, repeated, classes, clustersPerClass, classSep } = opts;
  if (informative + redundant + repeated > features) throw new RangeError('makeClassification: informative + redundant + repeated must be at most features');
  if (informative < Math.log2(classes * clustersPerClass)) throw new RangeError('makeClassification: classes * clustersPerClass must be at most 2^informative');
  const rng = new RandomState(opts.seed);
  const useless = features - informative - redundant - repeated;
  const clusters = classes * clustersPerClass;
  // int(n_samples * weights[k % n_classes] / n_clusters_per_class) with weights 1.0 / n_classes, in doubles.
  const perCluster = Array.from({ length: clusters }, () => Math.trunc((samples * (1 / classes)) / clustersPerClass));
  const short = samples - perCluster.reduce((a, b) => a + b, 0);
  for (let i = 0; i < short; i++) perCluster[i % clusters]!++;

  const X = new Float64Array(samples * features);
  const y = new Int32Array(samples);
  const centroids = hypercubeVertices(rng, clusters, informative);
  for (let i = 0; i < centroids.length; i++) centroids[i] = centroids[i]! * (2 * classSep) - classSep;
  if (!opts.hypercube) {
    const byCluster = Array.from({ length: clusters }, () => rng.randomSample());
    const byDimension = Array.from({ length: informative }, () => rng.randomSample());
    for (let k = 0; k < clusters; k++) for (let j = 0; j < informative; j++) centroids[k * informative + j] = centroids[k * informative + j]! * byCluster[k]! * byDimension[j]!;
  }
  const at = (r: number, c: number) => r * features + c;
  for (let r = 0; r < samples; r++) for (let c = 0; c < informative; c++) X[at(r, c)] = rng.standardNormal();

  let stop = 0;
  for (let k = 0; k < clusters; k++) {
    const start = stop;
    stop += perCluster[k]!;
    for (let r = start; r < stop; r++) y[r] = k % classes;
    const A = symmetricUniform(rng, informative * informative);
    const block = new Float64Array((stop - start) * informative);
    for (let r = start; r < stop; r++) for (let c = 0; c < informative; c++) block[(r - start) * informative + c] = X[at(r, c)]!;
    const mixed = matmul(block, stop - start, informative, A, informative);
    for (let r = start; r < stop; r++) for (let c = 0; c < informative; c++) X[at(r, c)] = mixed[(r - start) * informative + c]! + centroids[k * informative + c]!;
  }
  if (redundant > 0) {
    const B = symmetricUniform(rng, informative * redundant);
    const inf = new Float64Array(samples * informative);
    for (let r = 0; r < samples; r++) for (let c = 0; c < informative; c++) inf[r * informative + c] = X[at(r, c)]!;
    const red = matmul(inf, samples, informative, B, redundant);
    for (let r = 0; r < samples; r++) for (let c = 0; c < redundant; c++) X[at(r, informative + c)] = red[r * redundant + c]!;
  }
  if (repeated > 0) {
    const n = informative + redundant;
    // ((n - 1) * uniform + 0.5).astype(intp): truncation toward zero.
    const indices = Array.from({ length: repeated }, () => Math.trunc((n - 1) * rng.randomSample() + 0.5));
    for (let r = 0; r < samples; r++) indices.forEach((src, c) => (X[at(r, n + c)] = X[at(r, src)]!));
  }
  if (useless > 0) for (let r = 0; r < samples; r++) for (let c = features - useless; c < features; c++) X[at(r, c)] = rng.standardNormal();
  // flip_y >= 0 always holds, so sklearn draws the uniforms even for flip_y = 0.
  const flip: number[] = [];
  for (let r = 0; r < samples; r++) if (rng.randomSample() < opts.flipY) flip.push(r);
  for (const r of flip) y[r] = rng.interval(classes - 1);
  // shift 0.0 and scale 1.0 leave every value as it is (X += 0.0 only turns -0 into +0, which no test can see).

  if (opts.shuffle === false) return { nFeatures: features, X, y };
  const rows = shuffleRows(rng, X, features, y);
  const columns = rng.permutation(features);
  const out = new Float64Array(samples * features);
  for (let r = 0; r < samples; r++) for (let c = 0; c < features; c++) out[at(r, c)] = rows.X[at(r, columns[c]!)]!;
  return { nFeatures: features, X: out, y: rows.y };
}
