/** The grid: every combination of the listed values, first key slowest (as nested for-loops read). */

export type GridAssignment = Readonly<Record<string, unknown>>;

/** Cross product of the grid's value lists, in key order; an empty grid is one point with no assignments. */
export function expandGrid(grid: Readonly<Record<string, readonly unknown[]>>): GridAssignment[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    const next: Record<string, unknown>[] = [];
    for (const p of points) for (const v of values) next.push({ ...p, [key]: v });
    points = next;
  }
  return points;
}
