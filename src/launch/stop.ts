/**
 * Stopping a sweep politely. The first SIGINT/SIGTERM stops handing out runs and lets running ones finish
 * (their results are kept); a second one exits at once (every finished run is already flushed to runs.csv).
 */
export interface StopState {
  /** Aborted on the first signal or when the caller gives up (e.g. --max-failures). */
  readonly signal: AbortSignal;
  /** The signal that stopped the sweep, if one did. */
  readonly received: () => 'SIGINT' | 'SIGTERM' | undefined;
  abort(reason: string): void;
  /** Removes the signal handlers. */
  release(): void;
}

export function trapStop(onFirst: (signal: 'SIGINT' | 'SIGTERM') => void): StopState {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  const handler = (signal: 'SIGINT' | 'SIGTERM') => {
    if (received) {
      // Second signal: stop now. Exit codes follow the shell's 128 + signal number.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    received = signal;
    controller.abort(signal);
    onFirst(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => received,
    abort: (reason) => controller.abort(reason),
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
