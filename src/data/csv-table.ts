/**
 * A CSV file with a header row as a Table: every column but the label is a numeric feature.
 * Every problem is an InputError naming the file, the row and column, and what was found. Rows are
 * numbered as a spreadsheet or an editor shows them: the header is row 1, the first data row is row 2.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import type { Table } from './dataset.js';
import { describe, InputError, inputError } from '../errors.js';
import { labelColumnHint } from './class-labels.js';

export interface CsvTableOptions {
  /** Header of the label column; default: the last column. */
  readonly label?: string;
  /** The model is a binary classifier: every label must be 0 or 1. */
  readonly binary: boolean;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** A plain decimal number ("1", "-0.5", ".5e-3"); Number() alone would also take "", "0x1f" and "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads `file` into a Table: features in header order without the label column, labels as float64.
 * @throws InputError for an unreadable or empty file, a missing label column, a cell that is not a number,
 *   a row with a different number of cells than the header, or (binary) a label other than 0 and 1.
 */
export function loadCsvTable(file: string, opts: CsvTableOptions): Table & { readonly labelColumn: string } {
  const records = parseRecords(file, readText(file));
  if (records.length === 0) throw new InputError(`${file}: expected a header row and data rows, found an empty file`);
  const header = records[0]!.record;
  const rows = records.slice(1);
  if (header.length < 2) throw inputError(file, 'row 1', 'a header with at least one feature column and a label column', header.join(','));
  const labelIndex = findLabel(file, header, opts.label);
  if (rows.length === 0) throw new InputError(`${file}: expected data rows after the header, found none`);

  const nFeatures = header.length - 1;
  const X = new Float64Array(rows.length * nFeatures);
  const y = new Float64Array(rows.length);
  rows.forEach(({ record, info }, r) => {
    if (record.length !== header.length) {
      throw inputError(file, `row ${info.lines}`, `${header.length} cells like the header`, record.length);
    }
    let k = 0;
    record.forEach((cell, c) => {
      if (c !== labelIndex) X[r * nFeatures + k++] = parseCell(file, info.lines, header[c]!, cell);
    });
    const label = record[labelIndex]!;
    y[r] = opts.binary ? parseBinaryLabel(file, info.lines, header[labelIndex]!, label, rows, labelIndex) : parseCell(file, info.lines, header[labelIndex]!, label);
  });
  return { nFeatures, X, y, labelColumn: header[labelIndex]! };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'no permission to read it' : code;
    throw new InputError(`${file}: expected a readable CSV file, found ${why}`);
  }
}

function parseRecords(file: string, text: string): ParsedRecord[] {
  try {
    return parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as ParsedRecord[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new InputError(`${file}: ${line === undefined ? '' : `row ${line}: `}expected well-formed CSV, found ${err.message}`);
    }
    throw err;
  }
}

function findLabel(file: string, header: readonly string[], label: string | undefined): number {
  if (label === undefined) return header.length - 1;
  const index = header.indexOf(label);
  if (index < 0) {
    throw new InputError(`${file}: data.label: expected a column named ${describe(label)}, found only the columns ${header.map((h) => describe(h)).join(', ')}`);
  }
  return index;
}

function parseCell(file: string, row: number, column: string, cell: string): number {
  const where = `row ${row}, column ${describe(column)}`;
  if (cell === '') throw new InputError(`${file}: ${where}: expected a number, found an empty cell`);
  if (!DECIMAL.test(cell)) throw inputError(file, where, 'a number', cell);
  const value = Number(cell);
  if (!Number.isFinite(value)) throw inputError(file, where, 'a finite number', cell);
  return value;
}

/**
 * A label of a binary model: 0 or 1. When the column holds exactly two other values (1/2, -1/1, "no"/"yes")
 * the message says so, since the fix is to recode them rather than to mend one cell; with more values it says
 * what they are and which model.task reads them (10 classes: multiclass; a continuous target: regression).
 */
function parseBinaryLabel(file: string, row: number, column: string, cell: string, rows: readonly ParsedRecord[], labelIndex: number): number {
  if (cell === '0' || cell === '1' || (DECIMAL.test(cell) && (Number(cell) === 0 || Number(cell) === 1))) return Number(cell);
  const distinct = [...new Set(rows.map((r) => r.record[labelIndex]!))];
  if (distinct.length === 2) {
    throw new InputError(`${file}: column ${describe(column)}: expected labels 0 and 1 for a binary model, found the two labels ${distinct.map((d) => describe(d)).join(' and ')}: recode them as 0 and 1`);
  }
  const error = inputError(file, `row ${row}, column ${describe(column)}`, 'a label 0 or 1 (binary model)', cell);
  error.message += `: ${labelColumnHint(distinct)}`;
  throw error;
}
