/**
 * One custom-rule match condition: read the match variable from the request, apply the
 * transforms, compare with each match value (OR), then negate if asked.
 *
 * Facts (learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview,
 * ARM schema Microsoft.Network 2024-05-01 webapplicationfirewall.json):
 * - variables RemoteAddr, RequestMethod, QueryString, PostArgs, RequestUri, RequestHeaders,
 *   RequestBody, RequestCookies; PostArgs only for form content types (+ JSON on CRS 3.2+),
 *   RequestBody only for urlencoded (+ XML types on CRS 3.2+);
 * - "Match values … you can think of as being OR'ed"; "Negate condition: Negates the
 *   current condition"; transforms apply "before attempting a match".
 * Where the docs are silent (several variables in one condition, a variable that is absent,
 * case of header names, numeric parsing) the choice made is stated in `why` and on the page.
 */
import { containsIp, parseIp, type Cidr } from '../cidr/ip';
import { type CompiledRegex, REGEX_LIMITS, regexSearch } from '../regex';
import { headerValue, parseFormPairs, splitTarget, type WafRequest } from './request';

export const MATCH_VARIABLES = ['RemoteAddr', 'RequestMethod', 'QueryString', 'PostArgs', 'RequestUri', 'RequestHeaders', 'RequestBody', 'RequestCookies'] as const;
export const OPERATORS = ['IPMatch', 'Equal', 'Contains', 'LessThan', 'GreaterThan', 'LessThanOrEqual', 'GreaterThanOrEqual', 'BeginsWith', 'EndsWith', 'Regex', 'GeoMatch', 'Any'] as const;
export const TRANSFORMS = ['Uppercase', 'Lowercase', 'Trim', 'UrlDecode', 'UrlEncode', 'RemoveNulls', 'HtmlEntityDecode'] as const;

export type MatchVariableName = (typeof MATCH_VARIABLES)[number];
export type Operator = (typeof OPERATORS)[number];
export type Transform = (typeof TRANSFORMS)[number];

export interface MatchCondition {
  variables: { name: MatchVariableName; selector?: string }[];
  operator: Operator;
  negate: boolean;
  values: string[];
  transforms: Transform[];
  /** Per match value, prepared at policy-read time (null where the value was rejected). */
  cidrs?: (Cidr | null)[];
  regexes?: (CompiledRegex | null)[];
  numbers?: (number | null)[];
  /** The condition could not be read (see the policy diagnostics); it never matches. */
  invalid?: boolean;
}

export interface EvalContext {
  request: WafRequest;
  /** False only when the policy runs OWASP CRS 3.1 or older (content-type support differs). */
  crs32OrNewer: boolean;
  /** Notes for the caller, e.g. an unusable remote address (deduplicated by the caller). */
  notes: Set<string>;
}

export interface ConditionResult {
  matched: boolean;
  why: string;
  /** True when the request lacks what the condition needs to be decided (e.g. GeoMatch without a country). */
  unknown?: boolean;
}

const q = (s: string, max = 60): string => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

// --- transforms -------------------------------------------------------------------------

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

export function applyTransform(t: Transform, s: string): string {
  switch (t) {
    case 'Uppercase':
      return s.toUpperCase();
    case 'Lowercase':
      return s.toLowerCase();
    case 'Trim':
      return s.trim();
    case 'RemoveNulls':
      return s.replace(/\u0000/g, '');
    case 'UrlDecode':
      // As ModSecurity's urlDecode: %XX and "+" → space; invalid escapes stay as typed.
      return s.replace(/\+/g, ' ').replace(/(%[0-9a-fA-F]{2})+/g, (m) => {
        try {
          return decodeURIComponent(m);
        } catch {
          return m.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        }
      });
    case 'UrlEncode':
      return encodeURIComponent(s).replace(/%20/g, '+');
    case 'HtmlEntityDecode':
      return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (m, body: string) => {
        if (body[0] === '#') {
          const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
          return code <= 0x10ffff ? String.fromCodePoint(code) : m;
        }
        return NAMED_ENTITIES[body.toLowerCase()] ?? m;
      });
  }
}

// --- variables --------------------------------------------------------------------------

interface Extracted {
  values: { label: string; value: string }[];
  /** Set when the docs say rules with this variable do not apply to this request. */
  notApplicable?: string;
}

const mediaType = (req: WafRequest): string => (headerValue(req.headers, 'Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();

/** Top-level JSON members as name/value pairs (objects and arrays as JSON text). */
function jsonPairs(body: string): [string, string][] {
  try {
    const v: unknown = JSON.parse(body);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
    return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]);
  } catch {
    return [];
  }
}

/** Form fields of a multipart/form-data body (parts without a filename). */
function multipartPairs(body: string, contentType: string): [string, string][] {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!m) return [];
  const out: [string, string][] = [];
  for (const part of body.split(`--${m[1]}`)) {
    const split = part.indexOf('\n\n') >= 0 ? part.indexOf('\n\n') : part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head);
    if (!name || /filename=/i.test(head)) continue;
    out.push([name[1]!, part.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '')]);
  }
  return out;
}

function extract(v: { name: MatchVariableName; selector?: string }, ctx: EvalContext): Extracted {
  const req = ctx.request;
  const sel = v.selector;
  const pick = (pairs: [string, string][], kind: string, caseInsensitive = false): Extracted => {
    const hits = sel === undefined ? pairs : pairs.filter(([k]) => (caseInsensitive ? k.toLowerCase() === sel.toLowerCase() : k === sel));
    return { values: hits.map(([k, value]) => ({ label: `${kind}[${k}]`, value })) };
  };
  switch (v.name) {
    case 'RemoteAddr':
      return { values: req.remoteAddr ? [{ label: 'RemoteAddr', value: req.remoteAddr }] : [] };
    case 'RequestMethod':
      return { values: [{ label: 'RequestMethod', value: req.method }] };
    case 'RequestUri':
      return { values: [{ label: 'RequestUri', value: splitTarget(req.url).uri }] };
    case 'QueryString': {
      const { query } = splitTarget(req.url);
      if (sel === undefined) return { values: [{ label: 'QueryString', value: query }] };
      return pick(parseFormPairs(query), 'QueryString');
    }
    case 'RequestHeaders':
      // Header names are case-insensitive (RFC 9110 §5.1).
      return pick(Object.entries(req.headers ?? {}), 'RequestHeaders', true);
    case 'RequestCookies':
      return pick(Object.entries(req.cookies ?? {}), 'RequestCookies');
    case 'PostArgs': {
      const mt = mediaType(req);
      const body = req.body ?? '';
      if (mt === 'application/x-www-form-urlencoded') return pick(parseFormPairs(body), 'PostArgs');
      if (mt === 'multipart/form-data') return pick(multipartPairs(body, headerValue(req.headers, 'Content-Type') ?? ''), 'PostArgs');
      if (mt === 'application/json' && ctx.crs32OrNewer) return pick(jsonPairs(body), 'PostArgs');
      return {
        values: [],
        notApplicable: `PostArgs applies only when Content-Type is application/x-www-form-urlencoded or multipart/form-data${ctx.crs32OrNewer ? ' (or application/json with CRS 3.2 or later)' : ''}; this request's is ${mt ? `"${mt}"` : 'missing'}`,
      };
    }
    case 'RequestBody': {
      const mt = mediaType(req);
      const ok = mt === 'application/x-www-form-urlencoded' || (ctx.crs32OrNewer && ['application/soap+xml', 'application/xml', 'text/xml'].includes(mt));
      if (!ok) {
        return {
          values: [],
          notApplicable: `RequestBody applies only when Content-Type is application/x-www-form-urlencoded${ctx.crs32OrNewer ? ' (or application/soap+xml, application/xml, text/xml with CRS 3.2 or later)' : ''}; this request's is ${mt ? `"${mt}"` : 'missing'}`,
        };
      }
      return { values: [{ label: 'RequestBody', value: req.body ?? '' }] };
    }
  }
}

// --- operators --------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Compares one (transformed) input with the condition's values; returns the first value that matches. */
function compare(cond: MatchCondition, input: string, ctx: EvalContext): { hit: number; note?: string } {
  const vals = cond.values;
  switch (cond.operator) {
    case 'Equal':
      return { hit: vals.findIndex((v) => input === v) };
    case 'Contains':
      return { hit: vals.findIndex((v) => input.includes(v)) };
    case 'BeginsWith':
      return { hit: vals.findIndex((v) => input.startsWith(v)) };
    case 'EndsWith':
      return { hit: vals.findIndex((v) => input.endsWith(v)) };
    case 'Regex': {
      const note = input.length > REGEX_LIMITS.maxSubject ? `only the first ${REGEX_LIMITS.maxSubject} characters were searched` : undefined;
      return { hit: vals.findIndex((_, k) => !!cond.regexes?.[k] && regexSearch(cond.regexes[k]!, input)), ...(note ? { note } : {}) };
    }
    case 'LessThan':
    case 'GreaterThan':
    case 'LessThanOrEqual':
    case 'GreaterThanOrEqual': {
      const t = input.trim();
      if (!NUMBER.test(t)) return { hit: -1, note: `${q(input)} is not a number, so no numeric comparison holds` };
      const x = Number(t);
      const op = cond.operator;
      return {
        hit: vals.findIndex((_, k) => {
          const n = cond.numbers?.[k];
          if (n === null || n === undefined) return false;
          return op === 'LessThan' ? x < n : op === 'GreaterThan' ? x > n : op === 'LessThanOrEqual' ? x <= n : x >= n;
        }),
      };
    }
    case 'IPMatch': {
      const ip = parseIp(input);
      if (!ip.ok) {
        ctx.notes.add(`remote-addr:${ip.reason}`);
        return { hit: -1, note: `the remote address is not usable (${ip.reason})` };
      }
      return { hit: vals.findIndex((_, k) => !!cond.cidrs?.[k] && containsIp(cond.cidrs[k]!, ip.value)) };
    }
    case 'GeoMatch':
    case 'Any':
      return { hit: -1 }; // handled in evalCondition
  }
}

const OP_WORDS: Record<Operator, string> = {
  IPMatch: 'is in',
  Equal: 'equals',
  Contains: 'contains',
  LessThan: '<',
  GreaterThan: '>',
  LessThanOrEqual: '≤',
  GreaterThanOrEqual: '≥',
  BeginsWith: 'begins with',
  EndsWith: 'ends with',
  Regex: 'matches regex',
  GeoMatch: 'is located in',
  Any: 'exists',
};

export function describeCondition(c: MatchCondition): string {
  const vars = c.variables.map((v) => (v.selector !== undefined ? `${v.name}[${v.selector}]` : v.name)).join(' or ');
  const t = c.transforms.length ? ` (after ${c.transforms.join(', ')})` : '';
  const vals = c.operator === 'Any' ? '' : ` ${c.values.length === 1 ? q(c.values[0]!) : `one of ${c.values.map((v) => q(v, 30)).join(', ')}`}`;
  return `${c.negate ? 'NOT ' : ''}${vars}${t} ${OP_WORDS[c.operator]}${vals}`;
}

/** Evaluates one condition against the request, saying why it matched or not. */
export function evalCondition(cond: MatchCondition, ctx: EvalContext): ConditionResult & { notApplicable?: boolean } {
  if (cond.invalid) return { matched: false, why: 'this condition could not be read (see the policy diagnostics), so it never matches' };
  const label = describeCondition(cond);
  const finish = (raw: boolean, detail: string): ConditionResult => {
    const matched = cond.negate ? !raw : raw;
    return { matched, why: `${label}: ${detail}${cond.negate ? ` → negated → ${matched ? 'true' : 'false'}` : ''}` };
  };

  if (cond.operator === 'GeoMatch') {
    // Transforms are not applied to the country code: the docs' own Example 2 pairs
    // Lowercase with the value "US", which only works if the code is compared as a code.
    const country = ctx.request.country;
    // Azure always places the client address in a country; a request written without one
    // leaves the condition undecided (negated, "no country" would otherwise match everything).
    if (!country) ctx.notes.add('geo:no-country');
    if (!country) return { ...finish(false, 'the request has no country (add "# country: XX"); Azure looks the client address up, so whether this condition holds is unknown'), unknown: true };
    const hit = cond.values.findIndex((v) => v.toUpperCase() === country);
    return finish(hit >= 0, hit >= 0 ? `country ${country} is in the list` : `country ${country} is not in ${cond.values.join(', ')}`);
  }

  const found: { label: string; value: string }[] = [];
  const inapplicable: string[] = [];
  for (const v of cond.variables) {
    const ex = extract(v, ctx);
    if (ex.notApplicable) inapplicable.push(ex.notApplicable);
    found.push(...ex.values);
  }
  if (inapplicable.length && found.length === 0) {
    // "Custom rules that use this match variable apply only if …": the condition cannot hold, negated or not.
    return { matched: false, why: `${label}: not applicable — ${inapplicable.join('; ')}`, notApplicable: true };
  }
  if (cond.operator === 'Any') {
    return finish(found.length > 0, found.length > 0 ? `${found[0]!.label} is present` : 'the variable is absent from this request');
  }
  if (found.length === 0) return finish(false, `${cond.variables.map((v) => (v.selector !== undefined ? `${v.name}[${v.selector}]` : v.name)).join(', ')} is absent from this request, so no value matches`);

  const notes: string[] = [];
  for (const f of found) {
    const transformed = cond.transforms.reduce((s, t) => applyTransform(t, s), f.value);
    const r = compare(cond, transformed, ctx);
    if (r.note) notes.push(r.note);
    if (r.hit >= 0) {
      const shown = cond.transforms.length && transformed !== f.value ? `${q(f.value)} → ${q(transformed)}` : q(f.value);
      const what = cond.operator === 'IPMatch' ? `${f.value} is in ${cond.values[r.hit]}` : `${f.label} = ${shown} ${OP_WORDS[cond.operator]} ${q(cond.values[r.hit]!)}`;
      return finish(true, what);
    }
  }
  const first = found[0]!;
  const transformed = cond.transforms.reduce((s, t) => applyTransform(t, s), first.value);
  const shown = cond.transforms.length && transformed !== first.value ? `${q(first.value)} → ${q(transformed)}` : q(first.value);
  const more = found.length > 1 ? ` (and ${found.length - 1} more value${found.length > 2 ? 's' : ''})` : '';
  return finish(false, `${first.label} = ${shown}${more} — no match value matches${notes.length ? ` (${[...new Set(notes)].join('; ')})` : ''}`);
}
