/**
 * L7 HTTP rules (cilium-policy.md §8). Cilium hands `method` and `path` to Envoy as
 * `safe_regex_match` on `:method` and `:path`, which "implies the entire request header
 * value must match the regex": both are full matches (`/products` refuses `/products/42`).
 * A header entry `'X-My-Header: true'` needs that exact value, `'X-Token'` only presence;
 * header names are case-insensitive. Patterns come from policies (user text), so they run
 * on the bounded matcher in ../../regex.ts, never on JavaScript's backtracking RegExp.
 */
import { compileRegex, regexSearch, type CompiledRegex } from '../../regex';
import type { HttpRequest } from '../types';
import type { HttpRule } from './policy';

/** Compiles a method/path value as a full match; a reason instead when it cannot run. */
export function compileFullMatch(pattern: string): { ok: true; re: CompiledRegex } | { ok: false; reason: string } {
  const r = compileRegex(`^(?:${pattern})$`);
  return r.ok ? { ok: true, re: r.value } : { ok: false, reason: r.reason };
}

/** Reads a header entry: "Name: value" (exact value) or "Name" (present). */
export function readHeader(entry: string): { name: string; value?: string } {
  const i = entry.indexOf(':');
  if (i < 0) return { name: entry.trim().toLowerCase() };
  return { name: entry.slice(0, i).trim().toLowerCase(), value: entry.slice(i + 1).trim() };
}

/** Does the request match this rule (every field the rule gives)? */
export function httpRuleMatches(rule: HttpRule, req: HttpRequest): boolean {
  if (rule.broken) return false;
  if (rule.method && !regexSearch(rule.method, String(req.method ?? ''))) return false;
  if (rule.path && !regexSearch(rule.path, String(req.path ?? ''))) return false;
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers ?? {})) headers.set(k.trim().toLowerCase(), String(v));
  return rule.headers.every((h) => headers.has(h.name) && (h.value === undefined || headers.get(h.name) === h.value));
}

/** "GET /admin" (plus headers) for explanations. */
export const describeRequest = (req: HttpRequest): string =>
  `${String(req.method)} ${String(req.path)}${req.headers && Object.keys(req.headers).length ? ` with ${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}`;
