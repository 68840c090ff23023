/** `a, b,c` → ['a', 'b', 'c']; undefined for a missing or empty option. */
export function listOption(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return parts.length > 0 ? parts : undefined;
}

/** A numeric option, or undefined when absent; anything else is refused with the option's name. */
export function numberOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(parsed))
    throw new Error(`--${name} must be a number, not '${JSON.stringify(value)}'.`);
  return parsed;
}
