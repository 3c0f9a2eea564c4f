/** Temporary folders and files for tests, removed after the test process exits. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tmpDir(prefix = 'noise-sweep-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `text` to a new file in a new temporary folder and returns its path. */
export function tmpFile(name: string, text: string): string {
  const path = join(tmpDir(), name);
  writeFileSync(path, text);
  return path;
}
