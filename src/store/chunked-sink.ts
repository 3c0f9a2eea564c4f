/**
 * Text and bytes gathered into one fixed buffer and handed on a MiB at a time (one write(2) per MiB, not one per
 * row). One buffer, reused: a row is copied in and nothing of it is kept, where a list of a Buffer per row lived
 * until the next write, long enough to be moved to the old generation; at 200,000 rows that kept the heap
 * growing by hundreds of MB between collections (issue 13).
 */

/** The buffer's size. */
export const CHUNK_BYTES = 1 << 20;

export class ChunkedSink {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  /** @param sink receives each full chunk (a view of the buffer, valid only during the call) */
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  /** Appends text (UTF-8) or bytes. @returns how many bytes it was */
  write(data: string | Uint8Array): number {
    const length = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (this.used + length > CHUNK_BYTES) this.flush();
    if (length > CHUNK_BYTES) {
      this.sink(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      return length;
    }
    if (typeof data === 'string') this.buffer.write(data, this.used, 'utf8');
    else this.buffer.set(data, this.used);
    this.used += length;
    return length;
  }

  /** Hands on what is gathered. */
  flush(): void {
    if (this.used === 0) return;
    this.sink(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}
