/**
 * One cited fact: a number, limit, default, date or rule that an engine uses or a page
 * states. Each lives once, in a topic file of this folder, so that a page and an engine can
 * never disagree and a stale fact is one edit away.
 */
export type FactValue = number | string | boolean | readonly (number | string)[];

export interface Fact<V extends FactValue = FactValue> {
  /** Stable id (kebab-case, unique across all topic files); pages write `<Fact id="…" />`. */
  readonly id: string;
  readonly value: V;
  /** How a page writes the value, e.g. "65,536" or "31 March 2028"; default: the value as text. */
  readonly display?: string;
  /** One sentence stating the fact, as a page can show it. */
  readonly text: string;
  /** The public page that states it (https). */
  readonly source: string;
  /** The source's own words, short. */
  readonly quote: string;
  /** Date the source was last checked for this fact, YYYY-MM-DD. */
  readonly checked: string;
  /** Where sources disagree: what the other source says (the page must say so too). */
  readonly disputed?: string;
}

/** Date of the fact-check in ../shared/research/factcheck-2026-11-30.md (docs snapshot 2026-08-21). */
export const FACTCHECK_2026_11_30 = '2026-11-30';

/**
 * Declares a topic's facts. The key becomes the id, so an id is written once; `as const` on
 * the values keeps literal types for engines.
 */
export function facts<const T extends Record<string, Omit<Fact, 'id'>>>(table: T): { readonly [K in keyof T]: T[K] & { readonly id: K } } {
  const out: Record<string, Fact> = {};
  for (const [id, f] of Object.entries(table)) out[id] = { id, ...f };
  return out as { readonly [K in keyof T]: T[K] & { readonly id: K } };
}
