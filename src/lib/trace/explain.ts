/**
 * The trace in words: the headline, and one line per hop, for the picture's text, the
 * tool's summary and "Copy as Markdown". The engine owns the wording; views only show it.
 */
import type { Hop, HopVerdict, TraceResult } from './types';

export const VERDICT_WORDS: Record<HopVerdict, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'passes' },
  rewrite: { symbol: '↻', word: 'passes, rewritten' },
  skip: { symbol: '–', word: 'does not apply' },
  unknown: { symbol: '?', word: 'cannot be known offline' },
  block: { symbol: '✗', word: 'blocks' },
};

export function headline(r: TraceResult): string {
  if (r.outcome === 'delivered') return `Delivered: the connection crosses ${r.hops.length} hop${r.hops.length === 1 ? '' : 's'}.`;
  if (r.outcome === 'blocked') {
    const h = r.hops.find((x) => x.verdict === 'block')!;
    return `Blocked at ${h.id}: ${h.resource}${h.rule ? ` (${h.rule})` : ''}.`;
  }
  const u = r.hops.find((x) => x.verdict === 'unknown');
  if (u) return `Unknown at ${u.id}: ${u.resource} cannot be decided offline.`;
  const e = r.diagnostics.find((d) => d.severity === 'error' || d.code === 'trace-path-not-modelled');
  return `Unknown: ${e ? e.message : 'nothing could be traced.'}`;
}

/** "203.0.113.7 → 20.121.5.7:80" */
export const seesText = (h: Hop): string => `${h.sees.src || '?'} → ${h.sees.dst || '?'}${h.sees.port !== undefined ? `:${h.sees.port}` : ''}`;

export function hopLine(h: Hop, i: number): string {
  const v = VERDICT_WORDS[h.verdict];
  return `${i + 1}. ${v.symbol} ${h.id} — ${h.resource}: ${v.word}. Sees ${seesText(h)}. ${h.detail}${h.fix ? ` Fix: ${h.fix}` : ''}`;
}
