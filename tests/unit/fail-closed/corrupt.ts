/**
 * Shared pieces of the fail-closed property tests: values that are never a valid reading of
 * any field (so a corrupted field is really unreadable), and the rule every engine obeys.
 *
 * The rule (issue 12): corrupting one field of a valid input never makes the verdict more
 * permissive than with that field valid or removed — the verdict becomes "unknown" or keeps
 * the stricter answer — and the engine says why in a diagnostic.
 */
import fc from 'fast-check';

export const runs = Number(process.env.PROPERTY_RUNS ?? 100);

/** Values no field of these engines accepts: numbers where text is expected, objects, and text starting with "~". */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  // Out of every numeric range these engines accept (ports, priorities, counts).
  fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 70_000, max: 1e6 })),
  fc.string({ maxLength: 12 }).map((s) => `~${s}`),
  fc.dictionary(fc.constantFrom('a', 'b'), fc.integer(), { minKeys: 1, maxKeys: 2 }),
  fc.constant([{}]),
);

/** `unknown` is always acceptable; otherwise the corrupted verdict is at most as permissive as both others. */
export function notMorePermissive<V extends string>(rank: Record<V, number>, corrupted: V | 'unknown', valid: V | 'unknown', removed: V | 'unknown'): boolean {
  if (corrupted === 'unknown') return true;
  const r = (v: V | 'unknown') => (v === 'unknown' ? Number.POSITIVE_INFINITY : rank[v]);
  return r(corrupted) <= Math.min(r(valid), r(removed));
}

/** A copy of `o` with the value at `path` replaced (or deleted when `value` is `DELETE`). */
export const DELETE = Symbol('delete');
export function withField<T>(o: T, path: (string | number)[], value: unknown): T {
  const copy = structuredClone(o) as unknown as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else delete at[last];
  } else at[last] = value;
  return copy as unknown as T;
}
