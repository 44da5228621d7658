/**
 * Small helpers every `az` output reader shares.
 *
 * Why case-insensitive keys: the same resource is printed with different spellings of one
 * property. The REST API (and an ARM export) writes `dnsServiceIP` and `effectiveOutboundIPs`;
 * the Azure CLI prints the Python SDK's attribute names, `dnsServiceIp`, and older CLI
 * versions printed `effectiveOutboundIps`; PowerShell prints `DnsServiceIP`. ARM property
 * names are case-insensitive, so a reader that matched one spelling would silently miss
 * the others. Why `properties` is flattened: REST and ARM nest a resource's fields under
 * `properties`, `az` prints them one level up; both shapes are read the same way.
 *
 * Every reader reports problems through a `Sink`, which records a diagnostic at the JSON
 * path at fault (a `field` like `networkProfile.podCidrs[1]`) and, when the reader was
 * given the parsed document, at its line and column. Readers append to the sink; they
 * never throw.
 */
import { diag, type Diagnostic, type Severity } from '../diagnostics';
import type { PathSegment, YamlDocument } from '../yaml';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a reader's value sits: the parsed document (for positions) and the path inside it. */
export interface Where {
  doc?: YamlDocument;
  path: PathSegment[];
}

/** The key of `o` equal to `name` ignoring case, or undefined. Own keys only. */
export function keyOf(o: Obj, name: string): string | undefined {
  if (Object.hasOwn(o, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(o).find((k) => k.toLowerCase() === lower);
}

/** A property of `o` read case-insensitively; `null` is treated as absent (az prints unset fields as null). */
export function get(o: unknown, name: string): unknown {
  if (!isObj(o)) return undefined;
  const k = keyOf(o, name);
  const v = k === undefined ? undefined : o[k];
  return v === null ? undefined : v;
}

/**
 * A resource's fields with the ARM `properties` wrapper flattened, and where each came from:
 * `{ name, properties: { addressSpace } }` and `{ name, addressSpace }` read the same.
 */
export interface Flat {
  fields: Obj;
  /** Path of a field in the source, for diagnostics. */
  pathOf(field: string): PathSegment[];
}

export function flatten(o: Obj, base: PathSegment[]): Flat {
  const pk = keyOf(o, 'properties');
  const props = pk !== undefined && isObj(o[pk]) ? (o[pk] as Obj) : undefined;
  const fields: Obj = { ...o, ...(props ?? {}) };
  return {
    fields,
    pathOf(field) {
      const inProps = props && keyOf(props, field);
      if (inProps !== undefined) return [...base, pk!, inProps];
      return [...base, keyOf(o, field) ?? field];
    },
  };
}

/** Collects a reader's diagnostics, placed on the document when there is one. */
export class Sink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly doc?: YamlDocument) {}
  add(severity: Severity, code: string, message: string, path: PathSegment[], source?: string): void {
    const field = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
    this.diagnostics.push(diag(severity, code, message, { ...(this.doc ? this.doc.at(path) : {}), ...(field ? { field } : {}), ...(source ? { source } : {}) }));
  }
}

/** Text or undefined; anything else is reported as the wrong type. */
export function text(v: unknown, path: PathSegment[], sink: Sink, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  sink.add('error', 'az-wrong-type', `${what} should be text, not ${describeType(v)}.`, path);
  return undefined;
}

/** A whole number or undefined; anything else is reported. */
export function whole(v: unknown, path: PathSegment[], sink: Sink, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  sink.add('error', 'az-wrong-type', `${what} should be a whole number, not ${JSON.stringify(v) ?? String(v)}.`, path);
  return undefined;
}

/** A list of strings; a single string is read as a one-item list. Non-text items are reported and skipped. */
export function textList(v: unknown, path: PathSegment[], sink: Sink, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) {
    sink.add('error', 'az-wrong-type', `${what} should be a list of text, not ${describeType(v)}.`, path);
    return [];
  }
  const out: string[] = [];
  v.forEach((x, i) => {
    if (typeof x === 'string') out.push(x);
    else if (x !== null) sink.add('error', 'az-wrong-type', `${what}: item ${i + 1} should be text, not ${describeType(x)}.`, [...path, i]);
  });
  return out;
}

/** True / false / undefined; text "true"/"false" (as `-o tsv` prints) is accepted. */
export function bool(v: unknown, path: PathSegment[], sink: Sink, what: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  sink.add('error', 'az-wrong-type', `${what} should be true or false, not ${JSON.stringify(v) ?? String(v)}.`, path);
  return undefined;
}

/**
 * An enum read the way ARM reads it: ignoring case. An unknown value is an error, never a
 * silent default; the result is then undefined and the caller decides what "unknown" means.
 */
export function enumOf<T extends string>(v: unknown, allowed: readonly T[], path: PathSegment[], sink: Sink, what: string, source?: string): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    const hit = allowed.find((a) => a.toLowerCase() === t);
    if (hit) return hit;
  }
  sink.add('error', 'az-unknown-value', `${what} "${String(v)}" is not a value Azure defines; expected one of ${allowed.join(', ')}.`, path, source);
  return undefined;
}

export const describeType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? `"${v}"` : String(v);

/** The last segment of an Azure resource id (`…/subnets/aks-nodes` → `aks-nodes`). */
export const idName = (id: string): string => id.replace(/\/+$/, '').split('/').pop() ?? id;

/** Resource ids compare ignoring case (resource group and provider names are case-insensitive). */
export const sameId = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
