// Validation of the plain-JSON settings of the BADGE, graph and propagate jobs: a missing value
// takes its default, a wrong one fails the job with a message naming the setting.

/** Reads an optional number setting; `integer` also requires a whole number. */
export function numberSetting(settings: Record<string, unknown>, key: string, fallback: number, check: { min: number; max?: number; integer?: boolean }): number {
  const value = settings[key];
  if (value === undefined || value === null) return fallback;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= check.min && (check.max === undefined || value <= check.max) && (!check.integer || Number.isInteger(value));
  if (!ok) {
    const range = check.max === undefined ? `at least ${check.min}` : `from ${check.min} to ${check.max}`;
    throw new Error(`setting ${key} must be ${check.integer ? 'an integer' : 'a number'} ${range}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Yields to the event loop so document updates (a cancel) are seen between chunks of work. */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
