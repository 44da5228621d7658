/**
 * Counts in words, the one way every summary and view writes them: "1 address",
 * "2 addresses", "1,024 pods". Irregular plurals are listed once here.
 */
const IRREGULAR: Record<string, string> = {
  address: 'addresses',
  policy: 'policies',
  match: 'matches',
  is: 'are',
  was: 'were',
  has: 'have',
  entry: 'entries',
  class: 'classes',
};

/** The plural of an English noun used in this site's counts. */
export function pluralOf(singular: string): string {
  return IRREGULAR[singular] ?? `${singular}s`;
}

/** The noun alone, singular for exactly one: `noun(1, 'pod')` → "pod", `noun(2, 'pod')` → "pods". */
export function noun(n: number | bigint, singular: string, plural = pluralOf(singular)): string {
  return n === 1 || n === 1n ? singular : plural;
}

/** A count with its noun, digits grouped: `count(1, 'address')` → "1 address", `count(1024, 'pod')` → "1,024 pods". */
export function count(n: number | bigint, singular: string, plural = pluralOf(singular)): string {
  return `${n.toLocaleString('en-US')} ${noun(n, singular, plural)}`;
}
