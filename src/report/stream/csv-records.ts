/**
 * A CSV log (runs.csv, history.csv) read as a stream, one record at a time, in memory that does not grow with
 * the file: csv-parse's streaming parser over a read stream. As readCsvLog (runs-csv.ts), a last line without
 * its newline is a write torn by a crash and is left out, and a file that is not CSV is an InputError naming it.
 */
import { createReadStream, fstatSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
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
