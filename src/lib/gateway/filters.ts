/**
 * The filters that change the answer (spec §8): RequestRedirect, URLRewrite and
 * RequestHeaderModifier, applied in the order written ("Wherever possible,
 * implementations SHOULD implement filters in the order they are specified").
 */
import type { FilterModel, MatchModel, PathModifier } from './model';
import type { NormalizedRequest } from './match';

/**
 * ReplacePrefixMatch (httproute_types.go table): the matched prefix without its trailing
 * "/", replaced by the replacement without its trailing "/"; an empty result is "/".
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const rest = path.startsWith(p) ? path.slice(p.length) : path;
  const r = replacement.endsWith('/') ? replacement.slice(0, -1) : replacement;
  const out = r + rest;
  return out === '' ? '/' : out.startsWith('/') ? out : `/${out}`;
}

function modifyPath(mod: PathModifier | undefined, path: string, match: MatchModel): string {
  if (!mod) return path;
  if (mod.type === 'ReplaceFullPath') return mod.value;
  return match.path.type === 'PathPrefix' ? replacePrefix(path, match.path.value, mod.value) : path;
}

/**
 * The Location of a RequestRedirect: scheme, hostname and path from the filter or the
 * request; the port from the filter, else the well-known port of a redirect scheme, else
 * the listener's; ":80" for http and ":443" for https are left out.
 */
export function redirectLocation(f: Extract<FilterModel, { type: 'RequestRedirect' }>, req: NormalizedRequest, listenerPort: number, match: MatchModel): string {
  const scheme = f.scheme ?? req.scheme;
  const host = f.hostname ?? req.host;
  const port = f.port ?? (f.scheme !== undefined ? (f.scheme === 'https' ? 443 : 80) : listenerPort);
  const omit = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  return `${scheme}://${host}${omit ? '' : `:${port}`}${modifyPath(f.path, req.path, match)}`;
}

export interface Forwarded {
  host: string;
  path: string;
  headers: Record<string, string>;
  notes: string[];
}

/** The request as the backend receives it after URLRewrite and RequestHeaderModifier. */
export function forward(filters: readonly FilterModel[], req: NormalizedRequest, match: MatchModel): Forwarded {
  let host = req.hostHeader;
  let path = req.path;
  const headers = new Map(req.headers);
  const notes: string[] = [];
  for (const f of filters) {
    if (f.type === 'URLRewrite') {
      if (f.hostname) {
        host = f.hostname;
        notes.push(`URLRewrite sets the Host header to ${f.hostname}.`);
      }
      const before = path;
      path = modifyPath(f.path, path, match);
      if (f.path) notes.push(`URLRewrite ${f.path.type} "${f.path.value}": the backend receives ${path} instead of ${before}.`);
    } else if (f.type === 'RequestHeaderModifier') {
      for (const s of f.set) headers.set(s.name.toLowerCase(), s.value);
      for (const a of f.add) {
        const k = a.name.toLowerCase();
        const old = headers.get(k);
        headers.set(k, old === undefined ? a.value : `${old},${a.value}`);
      }
      for (const r of f.remove) headers.delete(r.toLowerCase());
      notes.push(`RequestHeaderModifier: ${[f.set.length ? `set ${f.set.map((s) => s.name).join(', ')}` : '', f.add.length ? `add ${f.add.map((s) => s.name).join(', ')}` : '', f.remove.length ? `remove ${f.remove.join(', ')}` : ''].filter(Boolean).join('; ') || 'no change'}.`);
    } else if (f.type === 'Other') {
      notes.push(`${f.name} does not change where the request goes; it is shown, not applied.`);
    }
  }
  headers.delete('host');
  return { host, path, headers: Object.fromEntries(headers), notes };
}
