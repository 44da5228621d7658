/**
 * A small structural checker for Kubernetes-style objects: reports unknown fields and
 * wrong types at their YAML position. Each engine describes only the fields it reads;
 * the checker is shared so every engine words these errors the same way.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { PathSegment, YamlDocument } from '../yaml';

export type Shape =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'int-or-string'
  | 'any'
  | { map: Shape }
  | { list: Shape }
  | { object: Record<string, Shape>; required?: string[]; open?: boolean };

const typeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'string' ? 'text' : typeof v;

function describe(shape: Shape): string {
  if (typeof shape === 'string') {
    return { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', 'int-or-string': 'a number or a name', any: 'any value' }[shape];
  }
  if ('map' in shape || 'object' in shape) return 'a mapping';
  return 'a list';
}

function fits(shape: Shape, v: unknown): boolean {
  switch (shape) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  }
  if ('list' in shape) return Array.isArray(v);
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const join = (path: readonly PathSegment[]): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

/**
 * Checks `value` (found at `path` in `doc`) against `shape`, appending diagnostics.
 * `null` is accepted for any optional field, as the API server treats it as unset.
 */
export function checkShape(doc: YamlDocument, value: unknown, shape: Shape, path: PathSegment[], out: Diagnostic[]): void {
  if (value === null || value === undefined) return;
  if (!fits(shape, value)) {
    out.push(diag('error', 'wrong-type', `${join(path) || 'The document'} should be ${describe(shape)}, not ${typeName(value)}.`, { ...doc.at(path), field: join(path) }));
    return;
  }
  if (typeof shape === 'string') return;
  if ('list' in shape) {
    (value as unknown[]).forEach((item, i) => checkShape(doc, item, shape.list, [...path, i], out));
    return;
  }
  const obj = value as Record<string, unknown>;
  if ('map' in shape) {
    for (const [k, v] of Object.entries(obj)) checkShape(doc, v, shape.map, [...path, k], out);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    // Own properties only: a key like "constructor" must not find Object.prototype's.
    const child = Object.hasOwn(shape.object, k) ? shape.object[k] : undefined;
    if (child === undefined) {
      if (!shape.open) {
        const known = Object.keys(shape.object);
        const near = known.find((n) => n.toLowerCase() === k.toLowerCase()) ?? known.find((n) => editDistance(n, k) <= 2);
        out.push(
          diag('error', 'unknown-field', `Unknown field "${k}" in ${join(path) || 'the document'}${near ? ` (did you mean "${near}"?)` : ''}. The API server rejects unknown fields.`, {
            ...doc.keyAt([...path, k]),
            field: join([...path, k]),
          }),
        );
      }
      continue;
    }
    checkShape(doc, v, child, [...path, k], out);
  }
  for (const r of shape.required ?? []) {
    if (obj[r] === undefined || obj[r] === null) {
      out.push(diag('error', 'missing-field', `${join(path) || 'The document'} needs the field "${r}".`, { ...doc.at(path), field: join([...path, r]) }));
    }
  }
}

/** Levenshtein distance, for "did you mean" suggestions on short identifiers. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
