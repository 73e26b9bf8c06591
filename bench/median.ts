/** The median of `xs` (the lower middle of an even count), or NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  return [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;
}
