/**
 * The Python peers of the benchmark, found where this project's machines keep them and skipped where absent:
 * the bench must run (printing `n/a`) on a machine without Python, and nothing in `npm test` needs Python.
 *   torch: Debian's python3-torch (/usr/bin/python3), else the ML venv's;
 *   jax, keras: the ML venv (/opt/venv-ml, from the machines' local wheel index), else any python3 on PATH.
 */
import { spawnSync } from 'node:child_process';

export type PeerTool = 'torch' | 'jax' | 'keras';

const CANDIDATES: Record<PeerTool, readonly string[]> = {
  torch: ['/usr/bin/python3', '/opt/venv-ml/bin/python', 'python3'],
  jax: ['/opt/venv-ml/bin/python', 'python3'],
  keras: ['/opt/venv-ml/bin/python', 'python3'],
};

/** The modules a tool needs (found without importing them: importing tensorflow alone takes seconds). */
const MODULES: Record<PeerTool, readonly string[]> = { torch: ['torch', 'numpy'], jax: ['jax', 'numpy'], keras: ['keras', 'tensorflow', 'numpy'] };

const found = new Map<PeerTool, string | null>();
let enabled = true;

/** Turns the Python peers off (`npm run bench -- --no-python`): every one of them is then absent. */
export function usePython(on: boolean): void {
  enabled = on;
}

/** The first interpreter that has the tool's modules, or null (then the bench prints n/a). */
export function pythonFor(tool: PeerTool): string | null {
  if (!enabled) return null;
  if (!found.has(tool)) {
    const probe = 'import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in sys.argv[1:]) else 1)';
    found.set(tool, CANDIDATES[tool].find((python) => spawnSync(python, ['-c', probe, ...MODULES[tool]], { stdio: 'ignore' }).status === 0) ?? null);
  }
  return found.get(tool)!;
}

/** What a peer script printed for one task: its JSON line, or why it has none. */
export type PeerRecord = Record<string, unknown> & { readonly error?: string };

/**
 * Runs `script` (a file in bench/) over task files with the tool's interpreter and returns one record per
 * task, in order; null when the tool is absent. A script that dies gives every task its last stderr line.
 */
export function runPeer(tool: PeerTool, script: string, args: readonly string[], env: Record<string, string> = {}): PeerRecord[] | null {
  const python = pythonFor(tool);
  if (python === null) return null;
  const out = spawnSync(python, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  const records = out.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PeerRecord);
  if (out.status !== 0) {
    const why = (out.stderr ?? '').trim().split('\n').pop() ?? `exit ${out.status}`;
    return [...records, { error: `${tool}: ${why}` }];
  }
  return records;
}
