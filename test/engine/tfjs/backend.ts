/** The backend the workers use (wasm), set up once for the tfjs tests. */
import { initBackend } from '../../../src/engine/tfjs/backend.js';

export function useWorkerBackend(): void {
  before(async () => {
    await initBackend(false);
  });
}
