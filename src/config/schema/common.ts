/**
 * Small zod building blocks shared by the schema's sections.
 */
import { z } from 'zod';

/** A whole number ≥ min. */
export const int = (min: number) => z.number().int().min(min);
export const positive = z.number().positive();
