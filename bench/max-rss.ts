/**
 * Preloaded into a child node process by the benchmark (`node --import .../max-rss.js ...`): at exit it prints
 * the process's peak resident set size, threads included, from process.resourceUsage() (the kernel's
 * ru_maxrss, in kilobytes), so no /usr/bin/time is needed to measure a CLI run.
 */
import { writeSync } from 'node:fs';

// The line bench/scale.ts looks for on the child's stderr (a module with no exports: importing it is the preload).
process.on('exit', () => {
  writeSync(2, `\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
