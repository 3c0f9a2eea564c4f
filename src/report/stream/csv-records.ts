/**
 * A CSV log (runs.csv, history.csv) read as a stream, one record at a time, in memory that does not grow with
 * the file: csv-parse's streaming parser over a read stream. As readCsvLog (runs-csv.ts), a last line without
 * its newline is a write torn by a crash and is left out, and a file that is not CSV is an InputError naming it.
 */
import { createReadStream, fstatSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import { closeFd, openForRead } from '../../store/disk.js';
import { isErrno, userFsError } from '../../store/fs-errors.js';

/** The tail is searched for the last newline in pieces of this size. */
const TAIL_CHUNK = 1 << 16;
/**
 * Bytes read at a time. The parser turns a whole chunk into records at once, which wait in its buffer until
 * the loop takes them; with node's default 64 KiB (about 400 rows of runs.csv) they lived long enough to be
 * moved to the old generation, and a pass over 200,000 rows peaked at 335 MB of RSS where it ends at 209;
 * with 16 KiB it peaks at 219 (measured on a 200,004-run runs.csv) and runs no slower.
 */
const READ_CHUNK = 1 << 14;

export interface LogRow {
  /** Cells by column name. */
  readonly row: Record<string, string>;
  /** The line the row ends on (the header is line 1), as readCsvLog's `lines`, for messages that name a row. */
  readonly line: number;
  /** 0 for the first row after the header, then 1, 2, ... */
  readonly ordinal: number;
}

/** Opens a log and finds where its complete lines end; errors (a directory in its place) name the file. */
function openLog(path: string): { fd: number; size: number; complete: number } {
  let fd: number | undefined;
  try {
    fd = openForRead(path);
    return { fd, ...completeBytes(fd) };
  } catch (err) {
    if (fd !== undefined) closeFd(fd);
    if (isErrno(err) && err.path === undefined) err.path = path;
    throw userFsError(err, 'reading it', '', true) ?? err;
  }
}

/** The file's size and the bytes up to and including its last newline (the rest is a torn last line). */
function completeBytes(fd: number): { size: number; complete: number } {
  const size = fstatSync(fd).size;
  const buf = Buffer.alloc(TAIL_CHUNK);
  for (let end = size; end > 0; end -= TAIL_CHUNK) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const n = readSync(fd, buf, 0, end - start, start);
    const at = buf.subarray(0, n).lastIndexOf(0x0a);
    if (at >= 0) return { size, complete: start + at + 1 };
  }
  return { size, complete: 0 };
}

/** Bytes of a torn last line that every reader here leaves out (0 when the file ends with a newline). */
export function tornBytesOf(path: string): number {
  const { fd, size, complete } = openLog(path);
  closeFd(fd);
  return size - complete;
}

/** Every complete record of the file, the header first, with the line it ends on. */
async function* records(path: string): AsyncGenerator<{ record: string[]; line: number }> {
  const { fd, complete } = openLog(path);
  if (complete === 0) {
    closeFd(fd);
    return;
  }
  const source = createReadStream('', { fd, start: 0, end: complete - 1, autoClose: true, highWaterMark: READ_CHUNK });
  const parser = source.pipe(parse({ relax_column_count: false, skip_empty_lines: true, info: true }));
  // A read error ends the parse with it, instead of leaving the loop below waiting.
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { record, line: info.lines };
  } catch (err) {
    throw userFsError(err, 'reading it', '', true) ?? new InputError(`${path}: expected a CSV log written by sweep, found ${(err as Error).message.split('\n')[0]}`);
  } finally {
    source.destroy();
  }
}

/** Bytes read at a time by recordsSync: the records of one piece are parsed and handed on before the next is read. */
const SYNC_PIECE = 1 << 18;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Every complete record of the file, the header first, read synchronously a piece at a time (for a caller that
 * cannot wait: the sweep widening runs.csv between two results, runs-header.ts). A piece is cut after the last
 * newline that ends a record: one outside quotes, i.e. after an even number of quote characters since the
 * file's start (an escaped quote is two, so the count stays exact); `"` and newline are single bytes in UTF-8,
 * so a cut never splits a character. Each piece goes to csv-parse whole, as readCsvLog's file does.
 * @throws InputError naming the file when it cannot be read or is not CSV
 */
export function* recordsSync(path: string, pieceBytes = SYNC_PIECE): Generator<string[]> {
  const { fd, complete } = openLog(path);
  try {
    let carry = Buffer.alloc(0);
    let offset = 0;
    const buf = Buffer.alloc(pieceBytes);
    while (offset < complete) {
      const n = readSync(fd, buf, 0, Math.min(pieceBytes, complete - offset), offset);
      if (n === 0) break;
      offset += n;
      const bytes = carry.length === 0 ? buf.subarray(0, n) : Buffer.concat([carry, buf.subarray(0, n)]);
      let quotes = 0;
      let cut = 0;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === QUOTE) quotes++;
        else if (bytes[i] === NEWLINE && quotes % 2 === 0) cut = i + 1;
      }
      carry = Buffer.from(bytes.subarray(cut));
      if (cut > 0) yield* parsePiece(path, bytes.subarray(0, cut));
    }
    // The bytes up to `complete` end with a newline, so a carry left here is inside an unclosed quote.
    if (carry.length > 0) yield* parsePiece(path, carry);
  } finally {
    closeFd(fd);
  }
}

function parsePiece(path: string, bytes: Buffer): string[][] {
  try {
    return parseSync(bytes.toString('utf8'), { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InputError(`${path}: expected a CSV log written by sweep, found ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The header of a CSV log ([] for an empty file). */
export async function readLogHeader(path: string): Promise<string[]> {
  for await (const { record } of records(path)) return record;
  return [];
}

/**
 * The rows of a CSV log after its header, one at a time.
 * @throws InputError naming the file when it cannot be read or is not CSV (every row before is yielded first)
 */
export async function* logRows(path: string): AsyncGenerator<LogRow> {
  let header: string[] | undefined;
  let ordinal = 0;
  for await (const { record, line } of records(path)) {
    if (header === undefined) {
      header = record;
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]!] = record[i] ?? '';
    yield { row, line, ordinal: ordinal++ };
  }
}
