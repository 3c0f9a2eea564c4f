/** The tiny study end-to-end tests sweep: 3 placements × 3 repeats of a 16-unit MLP, 40 epochs (a second or two). */
export const TINY = `name: tiny
seed: 7
repeats: 3
model: { hidden: [16] }
train: { epochs: 40 }
noise: { stddev: 0.1 }
grid:
  noise.placement: [none, input, pre]
`;
