/**
 * Noise placements of a model given as model.layers, resolved to sites: "input", "pre" and "post" (every layer
 * that has an activation or weights), and placements addressed to one layer by name, index or type:
 *   pre:X   between X's linear part and its activation (dense, conv1d, conv2d)
 *   post:X  on X's output (after its activation); after:X is the same
 *   before:X on X's input: the output of the layer before it, or the model's input for the first layer.
 */
import { ADDRESSED_PLACEMENT, type LayerSpec, type NoiseSite, type Placement } from '../config/schema.js';
import { inputError } from '../errors.js';

/** Where one site sits: the model input, or before (pre) / after (post) the activation of layer `layer`. */
export interface SitePosition {
  readonly placement: Placement;
  readonly layer?: number;
}

const ACTIVATED: readonly LayerSpec['type'][] = ['dense', 'conv1d', 'conv2d'];
const WEIGHTED: readonly LayerSpec['type'][] = ['dense', 'conv1d', 'conv2d', 'lstm'];

/** Index of the layer an address names: an index, a name, or a type only one layer has. */
function findLayer(layers: readonly LayerSpec[], address: string, placement: string, where: string): number {
  if (/^\d+$/.test(address)) {
    const i = Number(address);
    if (i < layers.length) return i;
    throw inputError(where, 'noise.placement', `a layer index below ${layers.length} in "${placement}"`, address);
  }
  const byName = layers.findIndex((l) => l.name === address);
  if (byName >= 0) return byName;
  const byType = layers.flatMap((l, i) => (l.type === address ? [i] : []));
  if (byType.length === 1) return byType[0]!;
  const names = layers.map((l, i) => l.name ?? String(i)).join(', ');
  if (byType.length > 1) throw inputError(where, 'noise.placement', `one layer for "${placement}", but ${byType.length} layers are ${address}s: give them names, or use an index`, placement);
  throw inputError(where, 'noise.placement', `a layer name, index or type in "${placement}" (layers: ${names})`, address);
}

/** The positions one placement names (several for bare pre and post). */
export function positionsOf(placement: string, layers: readonly LayerSpec[], where: string): SitePosition[] {
  if (placement === 'input') return [{ placement: 'input' }];
  if (placement === 'pre' || placement === 'post') {
    const kinds = placement === 'pre' ? ACTIVATED : WEIGHTED;
    const at: Placement = placement;
    const found = layers.flatMap((l, layer) => (kinds.includes(l.type) ? [{ placement: at, layer }] : []));
    if (found.length === 0) throw inputError(where, 'noise.placement', `a model with a ${kinds.join(', ')} layer for placement "${placement}"`, placement);
    return found;
  }
  const match = ADDRESSED_PLACEMENT.exec(placement);
  if (!match) throw inputError(where, 'noise.placement', 'input, pre, post, or pre:/post:/before:/after:<layer>', placement);
  const [, how, address] = match;
  const layer = findLayer(layers, address!, placement, where);
  if (how === 'pre') {
    if (!ACTIVATED.includes(layers[layer]!.type)) throw inputError(where, 'noise.placement', `"${placement}" to name a layer with an activation (${ACTIVATED.join(', ')}); use post: or before: for a ${layers[layer]!.type} layer`, placement);
    return [{ placement: 'pre', layer }];
  }
  if (how === 'before') return layer === 0 ? [{ placement: 'input' }] : [{ placement: 'post', layer: layer - 1 }];
  return [{ placement: 'post', layer }];
}

/** Network order: the input first, then layer by layer, pre before post. */
function order(p: SitePosition): number {
  return p.placement === 'input' ? -1 : 2 * p.layer! + (p.placement === 'pre' ? 0 : 1);
}

/**
 * Sites of the given placements, each with the value its placement gets, in network order.
 * `site` builds a site from a position and the placement it came from (which picks its stddev or rate).
 * @throws InputError when two placements name the same position.
 */
export function layerSites(placements: readonly string[], layers: readonly LayerSpec[], where: string, site: (position: SitePosition, placement: string) => NoiseSite | undefined): NoiseSite[] {
  const taken = new Map<number, string>();
  const sites: NoiseSite[] = [];
  for (const placement of placements) {
    for (const position of positionsOf(placement, layers, where)) {
      const key = order(position);
      const earlier = taken.get(key);
      if (earlier !== undefined) throw inputError(where, 'noise.placement', `each place named once, but "${earlier}" and "${placement}" both put noise ${position.placement === 'input' ? 'on the input' : `${position.placement} layer ${position.layer}`}`, placements);
      taken.set(key, placement);
      const s = site(position, placement);
      if (s) sites.push(s);
    }
  }
  return sites.sort((a, b) => order(a) - order(b));
}
