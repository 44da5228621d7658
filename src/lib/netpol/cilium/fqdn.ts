/**
 * DNS names in Cilium policies (cilium-policy.md §5.5): `toFQDNs` and `rules.dns` entries
 * (`matchName`, `matchPattern`), and what a name destination needs to be reachable — the
 * DNS proxy must have seen the answer (a `rules.dns` entry of an egress rule of the
 * source covers the name), and the lookup itself must pass.
 */
import { compileRegex, regexSearch } from '../../regex';
import type { NameMatcher } from './policy';

/** A name a traffic destination may be: letters, digits, '-', '_' and dots, with a letter somewhere. */
export const DNS_NAME_RE = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)*\.?$/;

export const normalizeName = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a matchName / matchPattern value. matchName: exact, case-insensitive, trailing
 * dot ignored. matchPattern (pkg/fqdn/matchpattern): `*` is 0 or more DNS characters
 * except the dot (`[-a-zA-Z0-9_]*`), anchored at both ends; `*` alone matches every name.
 * Returns a reason instead when the value is not a name or pattern.
 */
export function compileNameMatcher(kind: 'matchName' | 'matchPattern', value: unknown): NameMatcher | { problem: string } {
  if (typeof value !== 'string' || value.trim() === '') return { problem: `${kind} must be a non-empty text` };
  const text = value.trim();
  const norm = normalizeName(text);
  if (kind === 'matchName') {
    if (!DNS_NAME_RE.test(norm)) return { problem: `"${text}" is not a DNS name (letters, digits, '-', '_' and dots); use matchPattern for wildcards` };
    const re = compileRegex(`^${escape(norm)}$`);
    return re.ok ? { text, kind, re: re.value } : { problem: re.reason };
  }
  if (!/^[-a-z0-9_.*]+$/.test(norm)) return { problem: `"${text}" has characters a DNS pattern cannot hold (letters, digits, '-', '_', '.', '*')` };
  const source = norm === '*' ? '^[-a-z0-9_.]*$' : `^${norm.split('*').map(escape).join('[-a-z0-9_]*')}$`;
  const re = compileRegex(source);
  return re.ok ? { text, kind, re: re.value } : { problem: re.reason };
}

/** Does the name match this toFQDNs / rules.dns selector? */
export const nameMatches = (m: NameMatcher, name: string): boolean => m.re !== undefined && regexSearch(m.re, normalizeName(name));
