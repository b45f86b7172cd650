// The outcome of a policy check: null (accept) or a refusal naming the close code and a reason for
// the log. Reasons never contain token secrets.
import type { CloseCodeName } from '../../shared/protocol/close-codes.ts';

/** Why an update is refused. */
export interface Refusal {
  code: CloseCodeName;
  reason: string;
}

/** Builds a refusal. */
export function refuse(code: CloseCodeName, reason: string): Refusal {
  return { code, reason };
}

/** Keys that must never reach a plain object on any peer. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Most nesting accepted in plain JSON values (job settings, events). */
export const MAX_JSON_DEPTH = 16;

/**
 * True when `value` is plain JSON data (null, boolean, finite number, string, array, object with an
 * ordinary prototype) without forbidden keys and nested at most MAX_JSON_DEPTH levels.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.includes(k) || !isPlainJson(v, depth + 1)) return false;
    }
    return true;
  }
  return false;
}
