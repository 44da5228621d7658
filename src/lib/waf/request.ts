/**
 * The HTTP request the WAF evaluator reads, and a parser for the raw text form the
 * playground uses:
 *
 *   # remoteAddr: 203.0.113.9        ← pseudo-headers: facts that are not in the HTTP text
 *   # country: DE                      (client address, its country for GeoMatch, and
 *   # managedMatch: 942100, 920350      managed-rule matches to assume for the scoring demo)
 *   GET /search?q=1 HTTP/1.1          ← request line
 *   Host: shop.example.com            ← headers
 *   User-Agent: evilbot
 *                                     ← blank line
 *   body…                             ← body
 *
 * Never throws: problems become diagnostics with their line and column.
 */
import { diag, type Diagnostic } from '../diagnostics';

export interface WafRequest {
  method: string;
  /** Request target as sent: origin form (/path?query) or absolute form (https://host/path?query). */
  url: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  body?: string;
  /** Client address as the gateway sees it (RemoteAddr). */
  remoteAddr: string;
  /** Two-letter country/region code of remoteAddr, for GeoMatch (the tool cannot geolocate). */
  country?: string;
}

/** A managed-rule match to assume in the anomaly-scoring demonstration. */
export interface AssumedManagedMatch {
  ruleId?: string;
  severity?: string;
}

export interface ParsedRawRequest {
  request: WafRequest;
  assumeManagedMatches: AssumedManagedMatch[];
  diagnostics: Diagnostic[];
  /** 1-based line of each pseudo-header and of the request line, for placing later diagnostics. */
  lines: Record<string, number>;
}

export const REQUEST_LIMITS = { maxLength: 1_000_000, maxHeaders: 200 } as const;

const PSEUDO: Record<string, 'remoteAddr' | 'country' | 'managedMatch'> = {
  remoteaddr: 'remoteAddr',
  'remote-addr': 'remoteAddr',
  clientip: 'remoteAddr',
  country: 'country',
  geo: 'country',
  managedmatch: 'managedMatch',
  'managed-match': 'managedMatch',
};

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses the playground's raw request text. */
export function parseRawRequest(text: string): ParsedRawRequest {
  const diagnostics: Diagnostic[] = [];
  const request: WafRequest = { method: 'GET', url: '/', headers: {}, cookies: {}, body: '', remoteAddr: '' };
  const assumeManagedMatches: AssumedManagedMatch[] = [];
  const lines: Record<string, number> = {};
  if (typeof text !== 'string') return { request, assumeManagedMatches, diagnostics: [diag('error', 'input-not-text', 'The request is not text.', { line: 1, column: 1 })], lines };
  if (text.length > REQUEST_LIMITS.maxLength) {
    diagnostics.push(diag('error', 'request-too-large', `The request has ${text.length.toLocaleString('en')} characters; this tool reads at most ${REQUEST_LIMITS.maxLength.toLocaleString('en')}.`, { line: 1, column: 1 }));
    return { request, assumeManagedMatches, diagnostics, lines };
  }
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  // Pseudo-headers and blank lines before the request line.
  for (; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') continue;
    if (!line.trimStart().startsWith('#')) break;
    const m = /^\s*#\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue; // a plain comment
    const key = PSEUDO[m[1]!.toLowerCase()];
    const value = m[2]!;
    const at = { line: i + 1, column: line.indexOf(value) + 1 || 1 };
    if (!key) {
      diagnostics.push(diag('warning', 'unknown-pseudo-header', `"# ${m[1]}:" is not a pseudo-header this tool reads; use # remoteAddr:, # country: or # managedMatch:.`, { ...at, column: 1 }));
      continue;
    }
    lines[key] = i + 1;
    if (key === 'remoteAddr') request.remoteAddr = value;
    else if (key === 'country') {
      if (!/^[A-Za-z]{2}$/.test(value)) diagnostics.push(diag('error', 'invalid-country', `"${value}" is not a two-letter country/region code such as US or DE.`, at));
      else request.country = value.toUpperCase();
    } else {
      for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        const mm = /^(\d{6})?\s*(?::?\s*(Critical|Error|Warning|Notice))?$/i.exec(item);
        if (!mm || (!mm[1] && !mm[2])) {
          diagnostics.push(diag('error', 'invalid-managed-match', `"${item}" is not a managed rule ID (six digits, e.g. 942100), a severity (Critical, Error, Warning, Notice), or "ID:Severity".`, at));
          continue;
        }
        assumeManagedMatches.push({ ...(mm[1] ? { ruleId: mm[1] } : {}), ...(mm[2] ? { severity: mm[2][0]!.toUpperCase() + mm[2].slice(1).toLowerCase() } : {}) });
      }
    }
  }
  if (i >= all.length) {
    diagnostics.push(diag('error', 'missing-request-line', 'There is no request line such as "GET /path HTTP/1.1".', { line: Math.max(1, all.length), column: 1 }));
    return { request, assumeManagedMatches, diagnostics, lines };
  }
  const requestLine = all[i]!;
  lines.requestLine = i + 1;
  const parts = requestLine.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 3 || !METHOD.test(parts[0]!) || (parts[2] !== undefined && !/^HTTP\/\d(\.\d)?$/i.test(parts[2]))) {
    diagnostics.push(diag('error', 'invalid-request-line', `"${requestLine.trim().slice(0, 80)}" is not a request line: write METHOD TARGET [HTTP/1.1], e.g. "GET /index.html HTTP/1.1".`, { line: i + 1, column: 1, endColumn: requestLine.length + 1 }));
  } else {
    request.method = parts[0]!;
    request.url = parts[1]!;
  }
  i++;
  const headers: Record<string, string> = {};
  const cookieParts: string[] = [];
  let count = 0;
  for (; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') {
      i++;
      break;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) {
      diagnostics.push(diag('error', 'invalid-header', `"${line.slice(0, 60)}" is not a header line (Name: value). Leave one empty line before the body.`, { line: i + 1, column: 1, endColumn: line.length + 1 }));
      continue;
    }
    if (++count > REQUEST_LIMITS.maxHeaders) {
      diagnostics.push(diag('error', 'too-many-headers', `Only the first ${REQUEST_LIMITS.maxHeaders} headers are read.`, { line: i + 1, column: 1 }));
      break;
    }
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'cookie') cookieParts.push(value);
    // RFC 9110 §5.3: repeated fields combine with commas (Cookie with "; ", RFC 6265).
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing) headers[existing] = `${headers[existing]}${name.toLowerCase() === 'cookie' ? '; ' : ', '}${value}`;
    else headers[name] = value;
  }
  request.headers = headers;
  request.cookies = parseCookies(cookieParts.join('; '));
  request.body = all.slice(i).join('\n');
  if (!request.remoteAddr) {
    diagnostics.push(diag('info', 'missing-remote-addr', 'No "# remoteAddr: …" line: RemoteAddr conditions have no address to test.', { line: 1, column: 1 }));
  }
  return { request, assumeManagedMatches, diagnostics, lines };
}

/** Cookie header → name/value map (RFC 6265 §5.4 syntax; first occurrence wins). */
export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Splits a request target into path and query string (without "?"); strips an absolute form's scheme and authority. */
export function splitTarget(url: string): { path: string; query: string; uri: string } {
  let target = url;
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (abs) target = target.slice(abs[0].length) || '/';
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '', uri: target } : { path: target.slice(0, q), query: target.slice(q + 1), uri: target };
}

/** Decodes application/x-www-form-urlencoded text into name/value pairs (order kept). */
export function parseFormPairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  if (!text) return out;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([formDecode(name), formDecode(value)]);
  }
  return out;
}

function formDecode(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus; // malformed escapes are kept as typed
  }
}

/** Header lookup by case-insensitive name (RFC 9110 §5.1). */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
