/** The command that continues an interrupted sweep, for its message. */
import type { SweepOptions } from '../sweep.js';

/** The command that continues this sweep, for the message after an interruption. */
export function resumeCommand(opts: SweepOptions, outDir: string): string {
  if (opts.resumeCommand) return opts.resumeCommand(outDir);
  if (opts.config === 'runStudy()') return `runStudy({ ..., out: ${JSON.stringify(outDir)}, resume: true })`;
  const parts = ['npx sweep', opts.config, '--out', outDir, '--resume'];
  for (const s of opts.set) parts.push('--set', `'${s}'`);
  if (opts.repeats !== undefined) parts.push('--repeats', String(opts.repeats));
  if (opts.shard) parts.push('--shard', `${opts.shard.index}/${opts.shard.count}`);
  return parts.join(' ');
}
