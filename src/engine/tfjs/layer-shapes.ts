/**
 * The shape of one row after each layer of model.layers (batch dimension left out), with Keras' rules for
 * output sizes. Pure and free of tfjs, so the plan can reject a stack that does not fit its data before any
 * run starts, and the engine can size initial weights (fans) from it.
 */
import type { LayerSpec } from '../../config/schema.js';

/** A layer that does not fit the shape it receives: which layer, and what it expected. */
export class ShapeMismatch extends Error {
  constructor(readonly layer: number, readonly expected: string, readonly found: readonly number[]) {
    super(`model.layers[${layer}]: expected ${expected}, found rows of shape [${found.join(', ')}]`);
  }
}

/** Output length of a window of `size` sliding by `stride` over `length` (Keras' conv_output_length). */
export function windowOutput(length: number, size: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(length / stride) : Math.floor((length - size) / stride) + 1;
}

function need(i: number, shape: readonly number[], rank: number, what: string): void {
  if (shape.length !== rank) throw new ShapeMismatch(i, `rows of shape ${what}`, shape);
}

function spatial(i: number, shape: readonly number[], size: number, stride: number, padding: 'valid' | 'same', channels: number): number[] {
  const out = shape.slice(0, -1).map((n) => windowOutput(n, size, stride, padding));
  if (out.some((n) => n < 1)) throw new ShapeMismatch(i, `rows at least ${size} wide for a window of ${size} (or padding: same)`, shape);
  return [...out, channels];
}

/** The shape after one layer. @throws ShapeMismatch when the layer cannot take `shape`. */
export function shapeAfter(layer: LayerSpec, i: number, shape: readonly number[]): number[] {
  switch (layer.type) {
    case 'dense':
      return [...shape.slice(0, -1), layer.units];
    case 'conv1d':
      need(i, shape, 2, '[steps, channels] for conv1d');
      return spatial(i, shape, layer.kernelSize, 1, layer.padding, layer.filters);
    case 'conv2d':
      need(i, shape, 3, '[height, width, channels] for conv2d');
      return spatial(i, shape, layer.kernelSize, 1, layer.padding, layer.filters);
    case 'maxPooling1d':
    case 'averagePooling1d':
      need(i, shape, 2, `[steps, channels] for ${layer.type}`);
      return spatial(i, shape, layer.poolSize, layer.strides, layer.padding, shape[1]!);
    case 'maxPooling2d':
    case 'averagePooling2d':
      need(i, shape, 3, `[height, width, channels] for ${layer.type}`);
      return spatial(i, shape, layer.poolSize, layer.strides, layer.padding, shape[2]!);
    case 'flatten':
      return [shape.reduce((a, b) => a * b, 1)];
    case 'lstm':
      need(i, shape, 2, '[steps, features] for lstm');
      return layer.returnSequences ? [shape[0]!, layer.units] : [layer.units];
    case 'masking':
      need(i, shape, 2, '[steps, features] for masking');
      return [...shape];
    case 'dropout':
    case 'activation':
      return [...shape];
  }
}

/**
 * Row shapes through the stack: entry i is the input of layer i, the last entry what the output layer gets.
 * @throws ShapeMismatch for a layer that does not fit, or a stack that does not end in flat rows.
 */
export function layerShapes(layers: readonly LayerSpec[], input: readonly number[]): number[][] {
  const shapes = [[...input]];
  layers.forEach((layer, i) => shapes.push(shapeAfter(layer, i, shapes[i]!)));
  const last = shapes[shapes.length - 1]!;
  if (last.length !== 1) throw new ShapeMismatch(layers.length - 1, 'flat rows before the output layer (add a flatten layer, or an lstm without returnSequences)', last);
  return shapes;
}
