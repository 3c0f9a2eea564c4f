/**
 * expect: accuracy bounds judged after a sweep; each entry is a `where` selection plus {column: {min, max}},
 * checked in detail by src/check/expect.ts once the plan knows the columns.
 */
import { z } from 'zod';

/** One column's bounds. */
export const boundSpec = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

/** The `expect:` list as the schema sees it: entries are parsed against the plan's columns later. */
export const expectSpec = z.array(z.record(z.string(), z.unknown())).default([]);
