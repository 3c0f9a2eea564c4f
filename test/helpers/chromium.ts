/**
 * Headless Chromium for the report tests, where /usr/bin/chromium exists (CI has none: those checks are
 * skipped there with the reason printed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--hide-scrollbars'];

/** Skips the calling test, saying why, when there is no Chromium to run. */
export function skipWithoutChromium(test: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  console.log(`      (skipped: ${CHROMIUM} not found; the browser checks run where Chromium is installed)`);
  test.skip();
}

/** The DOM Chromium builds from a local HTML file, serialized after the page has loaded. */
export function dumpDom(file: string): string {
  return execFileSync(CHROMIUM, [...CHROMIUM_FLAGS, '--dump-dom', `file://${file}`], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).toString();
}

/** Runs Chromium with extra flags (e.g. --screenshot=...) on a local HTML file. */
export function runChromium(file: string, flags: readonly string[]): void {
  execFileSync(CHROMIUM, [...CHROMIUM_FLAGS, ...flags, `file://${file}`], { stdio: 'ignore', timeout: 60_000 });
}
