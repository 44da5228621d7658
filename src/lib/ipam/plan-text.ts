/**
 * The planner's text form: a YAML document of `key: value` lines, one per
 * ClusterPlanInput field. Read here (not in the tool) so the IP planner playground and
 * the IP-planning exercises' checkers read a plan the same way.
 *
 * Pure; every problem is a diagnostic with its line and column in the text.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { checkShape, type Shape } from '../k8s/shape';
import { parseYamlDocuments, type PathSegment } from '../yaml';
import { AZ_OUTPUT_NAMES, readAzDocuments, unexpectedDocument, type AzDocument } from '../azure';
import { planInputFromAzure } from './from-azure';
import { planCluster, type ClusterPlan, type ClusterPlanInput } from './index';

export const PLAN_FIELDS: Record<string, Shape> = {
  plugin: 'string',
  dataplane: 'string',
  vnetCidrs: { list: 'string' },
  nodeSubnetCidr: 'string',
  podSubnetCidr: 'string',
  podCidr: 'string',
  serviceCidr: 'string',
  dnsServiceIp: 'string',
  nodeCount: 'integer',
  maxPods: 'integer',
  maxSurge: 'integer',
  otherCidrs: { list: { object: { name: 'string', cidr: 'string' }, required: ['cidr'] } },
  dockerBridgeCidr: 'string',
};
const SHAPE: Shape = { object: PLAN_FIELDS, required: ['plugin', 'vnetCidrs', 'nodeSubnetCidr', 'nodeCount'] };

export interface PlanTextResult {
  /** The planner's input read from the text; undefined when the text is not a mapping. */
  input?: ClusterPlanInput;
  /** Present when `input` is. */
  plan?: ClusterPlan;
  /** YAML, shape and planner findings, each with a line and column in the text. */
  diagnostics: Diagnostic[];
}

/** `vnetCidrs[1]` / `otherCidrs[0].cidr` → a YAML path. */
function pathOf(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) out.push(m[1] ?? Number(m[2]));
  return out;
}

/**
 * Reads the plan text and runs the planner on it. The text is either the planner's own
 * `key: value` form, or `az aks show -o json` followed by `az network vnet show -o json`
 * (see ./from-azure.ts), recognised by their shape.
 */
export function planFromText(text: string): PlanTextResult {
  const az = readAzDocuments(text);
  if (az.documents.some((d) => d.kind === 'aks-cluster' || d.kind === 'vnet')) return planFromAz(az.documents, az.diagnostics);
  const parsed = parseYamlDocuments(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const doc = parsed.documents[0];
  const raw = doc?.value;
  if (!doc || typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (!diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push(diag('error', 'wrong-type', 'Write the plan as key: value lines, e.g. "plugin: azure-overlay" and "nodeCount: 3".', { line: 1, column: 1 }));
    }
    return { diagnostics };
  }
  const value = { ...(raw as Record<string, unknown>) };
  if (typeof value.vnetCidrs === 'string') value.vnetCidrs = [value.vnetCidrs]; // one range may be written without brackets
  const shapeDiags: Diagnostic[] = [];
  checkShape(doc, value, SHAPE, [], shapeDiags);
  for (const d of shapeDiags) {
    diagnostics.push({ ...d, message: d.message.replace(' The API server rejects unknown fields.', ` The planner reads: ${Object.keys(PLAN_FIELDS).join(', ')}.`) });
  }
  // Fields with the wrong type are left out so the planner's defaults apply; the shape
  // errors say why. Own keys only: "constructor" or "__proto__" is never a plan field.
  const bad = new Set(shapeDiags.map((d) => (d.field ?? '').split(/[.[]/)[0]));
  const input = Object.fromEntries(Object.entries(value).filter(([k]) => Object.hasOwn(PLAN_FIELDS, k) && !bad.has(k))) as unknown as ClusterPlanInput;
  if (input.vnetCidrs === undefined) input.vnetCidrs = [];
  if (input.nodeSubnetCidr === undefined) input.nodeSubnetCidr = '';
  if (input.nodeCount === undefined) input.nodeCount = 0;
  const plan = planCluster(input);
  for (const d of plan.diagnostics) {
    if (bad.has((d.field ?? '').split(/[.[]/)[0]!) && d.severity !== 'error') continue;
    diagnostics.push({ ...d, ...(d.field ? doc.at(pathOf(d.field)) : { line: 1, column: 1 }) });
  }
  return { input, plan, diagnostics };
}

/** The plan of az outputs; planner findings go on the `az aks show` document's first line. */
function planFromAz(documents: AzDocument[], parseDiagnostics: Diagnostic[]): PlanTextResult {
  const diagnostics: Diagnostic[] = [...parseDiagnostics];
  for (const d of documents) {
    if (d.kind !== 'aks-cluster' && d.kind !== 'vnet') diagnostics.push(unexpectedDocument(d, `${AZ_OUTPUT_NAMES['aks-cluster']} and ${AZ_OUTPUT_NAMES.vnet}`));
  }
  const r = planInputFromAzure(documents);
  diagnostics.push(...r.diagnostics);
  if (!r.input) return { diagnostics };
  const plan = planCluster(r.input);
  const at = documents.find((d) => d.kind === 'aks-cluster')?.doc.at([]) ?? { line: 1, column: 1 };
  for (const d of plan.diagnostics) diagnostics.push({ ...d, ...at });
  return { input: r.input, plan, diagnostics };
}

/** Longest plan text edited in place; a longer pane is left as it is (it is not a hand-typed plan). */
const MAX_EDIT_TEXT = 100_000;

/** `value` written as a YAML scalar that reads back as exactly this text (plain when it can be). */
function scalar(value: string, flow: boolean): string {
  const probe = flow ? `[${value}]` : value;
  const back = /^[A-Za-z0-9][^#]*$/.test(value) && value.length <= 200 ? parseYamlDocuments(probe).documents[0]?.value : undefined;
  const same = flow ? Array.isArray(back) && back.length === 1 && back[0] === value : back === value;
  return same ? value : JSON.stringify(value); // a JSON string is a valid double-quoted YAML scalar
}

export type PlanFieldValue = string | number | string[] | null;

/**
 * Sets top-level fields of a plan text, keeping the rest of it (comments, other fields,
 * their order): an existing `key:` line (with any indented or `- ` lines under it) is
 * replaced in place, a new key is appended, and `null` removes the key so the planner's
 * default applies. Values are data: strings are quoted whenever YAML would read them as
 * anything but that exact string.
 */
export function setPlanFields(text: string, fields: [string, PlanFieldValue][]): string {
  if (text.length > MAX_EDIT_TEXT) return text;
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  for (const [k, v] of fields) {
    const line =
      v === null
        ? null
        : `${k}: ${typeof v === 'number' ? String(v) : Array.isArray(v) ? `[${v.map((x) => scalar(x, true)).join(', ')}]` : scalar(v, false)}`;
    const at = lines.findIndex((l) => l.startsWith(`${k}:`) || new RegExp(`^${k}\\s+:`).test(l));
    if (at < 0) {
      if (line !== null) lines.push(line);
      continue;
    }
    let end = at + 1;
    while (end < lines.length && /^(\s+\S|- |-$)/.test(lines[end]!)) end++;
    lines.splice(at, end - at, ...(line === null ? [] : [line]));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
