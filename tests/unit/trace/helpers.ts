/** Shared by the tracer tests: run a trace and read its hops compactly. */
import { expect } from 'vitest';
import { traceConnection, type Connection, type HopId, type TraceResult } from '../../../src/lib/trace';

/** Every hop id any test produced (the coverage test reads it last). */
export const seenHops = new Set<HopId>();

export function run(environment: string, connection: Connection): TraceResult {
  const r = traceConnection({ environment, connection });
  for (const h of r.hops) seenHops.add(h.id);
  return r;
}

/** "id:verdict" of each hop, in order. */
export const path = (r: TraceResult): string[] => r.hops.map((h) => `${h.id}:${h.verdict}`);

/** Replaces `from` (which must occur) in an environment text. */
export function edit(env: string, from: string | RegExp, to: string): string {
  const out = env.replace(from, to);
  expect(out, `the edit of ${String(from)} changed nothing`).not.toBe(env);
  return out;
}

export const codes = (r: TraceResult): string[] => r.diagnostics.map((d) => d.code);
