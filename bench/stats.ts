// Small statistics for the benchmark: medians and a least-squares line.

export function median(values: readonly number[]): number {
  if (!values.length) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The first and third quartiles (the middle half of the values lies between them), by linear
 * interpolation between the closest ranks.
 */
export function quartiles(values: readonly number[]): [number, number] {
  if (!values.length) throw new Error("quartiles of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const rank = q * (sorted.length - 1);
    const low = Math.floor(rank);
    return sorted[low] + (rank - low) * ((sorted[Math.ceil(rank)] ?? sorted[low]) - sorted[low]);
  };
  return [at(0.25), at(0.75)];
}

/** Half the range as a share of the median: how much the runs of one measurement disagree. */
export function spread(values: readonly number[]): number {
  return (Math.max(...values) - Math.min(...values)) / 2 / median(values);
}

export interface Line {
  readonly intercept: number;
  readonly slope: number;
  /** Coefficient of determination: 1 when every point is on the line. */
  readonly r2: number;
}

/** The least-squares line y = intercept + slope * x through at least two points with distinct x. */
export function linearFit(points: readonly (readonly [number, number])[]): Line {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  if (n < 2 || sxx === 0) throw new Error("a line needs two points with different x");
  const slope = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / sxx;
  const intercept = my - slope * mx;
  const ssRes = points.reduce((sum, [x, y]) => sum + (y - intercept - slope * x) ** 2, 0);
  const ssTot = points.reduce((sum, [, y]) => sum + (y - my) ** 2, 0);
  return { intercept, slope, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}
