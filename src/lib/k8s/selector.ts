/**
 * Kubernetes label selectors (metav1.LabelSelector): matchLabels and matchExpressions
 * with In, NotIn, Exists, DoesNotExist. One implementation, used by every engine that
 * selects pods or namespaces (network policies, Services, exercises).
 *
 * Semantics (k8s.io/apimachinery labels.Selector, LabelSelectorAsSelector):
 * all requirements are ANDed; an empty selector ({}) matches everything; NotIn and
 * DoesNotExist match objects that lack the key.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { PathSegment, YamlDocument } from '../yaml';

export type Labels = Record<string, string>;
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface Selector {
  requirements: Requirement[];
  /** True for `{}`: matches every object. */
  matchesAll: boolean;
}

export const EVERYTHING: Selector = { requirements: [], matchesAll: true };

export function matches(selector: Selector, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(l[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(l[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** The selector in kubectl's notation: `app=web,tier in (a,b),!legacy`. */
export function describeSelector(selector: Selector): string {
  if (selector.requirements.length === 0) return '{} (everything)';
  return selector.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(',');
}

const OPERATORS: Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

// Label keys: optional DNS-subdomain prefix + "/" + name of ≤63 chars; values ≤63 chars.
const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length > 253 || !PREFIX.test(prefix)) return `the prefix "${prefix}" is not a DNS subdomain`;
  }
  if (!NAME.test(name)) return `"${name}" is not a valid label name (≤ 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (!NAME.test(value)) return `"${value}" is not a valid label value (≤ 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  return undefined;
}

/**
 * Reads a LabelSelector value found at `path` in `doc`. Invalid parts become diagnostics
 * and are left out; a selector with an invalid requirement matches nothing, as the API
 * server would have rejected the object.
 */
export function readSelector(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): Selector {
  if (raw === undefined || raw === null) return EVERYTHING;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.push(diag('error', 'invalid-selector', 'A label selector must be a mapping with matchLabels and/or matchExpressions.', doc.at(path)));
    return { requirements: [{ key: '', operator: 'In', values: [] }], matchesAll: false };
  }
  const sel = raw as { matchLabels?: unknown; matchExpressions?: unknown };
  const requirements: Requirement[] = [];
  let broken = false;
  for (const k of Object.keys(sel)) {
    if (k !== 'matchLabels' && k !== 'matchExpressions') {
      out.push(diag('error', 'unknown-field', `Unknown field "${k}" in a label selector (only matchLabels and matchExpressions exist).`, doc.keyAt([...path, k])));
      // `matchLabel: {app: web}` must not read as {} (every pod): a selector with a stray field matches nothing.
      broken = true;
    }
  }
  if (sel.matchLabels !== undefined && sel.matchLabels !== null) {
    if (typeof sel.matchLabels !== 'object' || Array.isArray(sel.matchLabels)) {
      out.push(diag('error', 'wrong-type', 'matchLabels must be a mapping of label keys to values.', doc.at([...path, 'matchLabels'])));
      broken = true;
    } else {
      for (const [key, value] of Object.entries(sel.matchLabels as Record<string, unknown>)) {
        const at = doc.at([...path, 'matchLabels', key]);
        const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? null : undefined;
        if (text === null) {
          out.push(diag('error', 'wrong-type', `The label value for "${key}" must be a string: quote it ("${String(value)}").`, at));
          broken = true;
          continue;
        }
        if (text === undefined) {
          out.push(diag('error', 'wrong-type', `The label value for "${key}" must be a string.`, at));
          broken = true;
          continue;
        }
        const kp = labelKeyProblem(key);
        if (kp) out.push(diag('error', 'invalid-label', `Invalid label key: ${kp}.`, doc.keyAt([...path, 'matchLabels', key])));
        const vp = labelValueProblem(text);
        if (vp) out.push(diag('error', 'invalid-label', `Invalid label value: ${vp}.`, at));
        if (kp || vp) broken = true;
        requirements.push({ key, operator: 'In', values: [text] });
      }
    }
  }
  if (sel.matchExpressions !== undefined && sel.matchExpressions !== null) {
    if (!Array.isArray(sel.matchExpressions)) {
      out.push(diag('error', 'wrong-type', 'matchExpressions must be a list.', doc.at([...path, 'matchExpressions'])));
      broken = true;
    } else {
      sel.matchExpressions.forEach((e: unknown, i: number) => {
        const p = [...path, 'matchExpressions', i];
        if (typeof e !== 'object' || e === null || Array.isArray(e)) {
          out.push(diag('error', 'wrong-type', 'Each matchExpressions item must be a mapping with key, operator and values.', doc.at(p)));
          broken = true;
          return;
        }
        const { key, operator, values, ...rest } = e as Record<string, unknown>;
        for (const k of Object.keys(rest)) {
          out.push(diag('error', 'unknown-field', `Unknown field "${k}" in a match expression.`, doc.keyAt([...p, k])));
          broken = true;
        }
        if (typeof key !== 'string' || key === '') {
          out.push(diag('error', 'invalid-selector', 'A match expression needs a "key".', doc.at(p)));
          broken = true;
          return;
        }
        if (!OPERATORS.includes(operator as Operator)) {
          const near = OPERATORS.find((o) => o.toLowerCase() === String(operator).toLowerCase());
          out.push(
            diag('error', 'invalid-operator', `"${String(operator)}" is not a selector operator; use In, NotIn, Exists or DoesNotExist${near ? ` (operators are case-sensitive: "${near}")` : ''}.`, doc.at([...p, 'operator'])),
          );
          broken = true;
          return;
        }
        const op = operator as Operator;
        const vals = values === undefined || values === null ? [] : values;
        if (!Array.isArray(vals) || vals.some((v) => typeof v !== 'string')) {
          out.push(diag('error', 'wrong-type', 'values must be a list of strings (quote numbers and booleans).', doc.at([...p, 'values'])));
          broken = true;
          return;
        }
        if ((op === 'In' || op === 'NotIn') && vals.length === 0) {
          out.push(diag('error', 'invalid-selector', `The operator ${op} needs a non-empty values list.`, doc.at([...p, 'operator'])));
          broken = true;
          return;
        }
        if ((op === 'Exists' || op === 'DoesNotExist') && vals.length > 0) {
          out.push(diag('error', 'invalid-selector', `The operator ${op} must not have values.`, doc.at([...p, 'values'])));
          broken = true;
          return;
        }
        requirements.push({ key, operator: op, values: vals as string[] });
      });
    }
  }
  if (broken) return { requirements: [{ key: '\u0000invalid', operator: 'Exists', values: [] }], matchesAll: false };
  return { requirements, matchesAll: requirements.length === 0 };
}

/** Reads a plain `key: value` label map (metadata.labels, Service spec.selector). */
export function readLabels(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): Labels {
  const labels: Labels = {};
  if (raw === undefined || raw === null) return labels;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.push(diag('error', 'wrong-type', 'Labels must be a mapping of keys to string values.', doc.at(path)));
    return labels;
  }
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string') {
      out.push(diag('error', 'wrong-type', `The label value for "${k}" must be a string${typeof v === 'number' || typeof v === 'boolean' ? `: quote it ("${String(v)}")` : ''}.`, doc.at([...path, k])));
      continue;
    }
    labels[k] = v;
  }
  return labels;
}
