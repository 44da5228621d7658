/**
 * Reads NSG rules from JSON (or YAML) in the shapes Azure prints them:
 * - `az network nsg rule list` / PowerShell: flat rule objects;
 * - ARM templates / REST: `{ name, properties: { … } }` rule objects, inside a `securityRules`
 *   array or a whole NSG resource (`properties.securityRules`).
 * Either one NSG (an array or NSG object) or `{ "subnet": …, "nic": … }`.
 * Every problem becomes a diagnostic at the JSON position of the field at fault.
 */
import { formatCidr, parseCidr } from '../cidr/ip';
import { diag, type Diagnostic } from '../diagnostics';
import { editDistance } from '../k8s/shape';
import { effectiveEntries } from '../azure';
import { parseYamlValue, type PathSegment, type YamlDocument } from '../yaml';
import { BUILT_IN_TAGS } from './match';
import {
  ALL_PORTS, MAX_PREFIXES_PER_NSG, MAX_RULES_PER_NSG, PRIORITY_MAX, PRIORITY_MIN, SOURCES,
  type Access, type Address, type Direction, type Nsg, type NsgRule, type PortRange, type RuleProtocol,
} from './model';

const RULE_FIELDS = [
  'name', 'priority', 'direction', 'access', 'protocol', 'description',
  'sourceAddressPrefix', 'sourceAddressPrefixes', 'destinationAddressPrefix', 'destinationAddressPrefixes',
  'sourcePortRange', 'sourcePortRanges', 'destinationPortRange', 'destinationPortRanges',
  'sourceApplicationSecurityGroups', 'destinationApplicationSecurityGroups',
];
/** Read-only fields Azure adds to printed rules; they do not affect evaluation. */
const METADATA_FIELDS = ['id', 'etag', 'type', 'provisioningState', 'resourceGroup', 'properties'];
/** Fields `az network nic list-effective-nsg` adds: the prefixes Azure expanded a service tag to. */
const EXPANDED_FIELDS = ['expandedSourceAddressPrefix', 'expandedDestinationAddressPrefix'];

/** "A unique name … up to 80 characters … begin with a word character … end with a word character or with _ … word characters, ., -, or _." */
const NAME_RE = /^\w(?:[\w.-]{0,78}\w)?$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Ctx {
  doc: YamlDocument;
  diags: Diagnostic[];
  /** Service tag → prefixes, as the effective-rules output expanded them. */
  expanded: Map<string, Set<string>>;
}

function at(ctx: Ctx, path: PathSegment[]) {
  return ctx.doc.at(path);
}

export interface ReadResult {
  nsgs: Nsg[];
  /** True when the input said explicitly that there is no NSG at all (e.g. `{}` or both null). */
  none: boolean;
  diagnostics: Diagnostic[];
  /** The parsed document, for placing later diagnostics. */
  doc?: YamlDocument;
  /** NSGs named in the input that could not be read at all (e.g. "subnet": 42); a verdict that needs them is unknown. */
  unreadable: string[];
  /**
   * Service tag prefixes learnt from `az network nic list-effective-nsg` (its expanded…Prefix
   * fields), keyed by tag; `VirtualNetwork` among them gives the VNet's address space.
   */
  tagPrefixes: Record<string, string[]>;
}

export function readNsgs(text: string): ReadResult {
  const parsed = parseYamlValue(text);
  const diags = [...parsed.diagnostics];
  const doc = parsed.document;
  if (!doc) {
    if (!diags.length) {
      diags.push(diag('info', 'nsg-none', 'No NSG was given: the flow is evaluated as if neither the subnet nor the NIC had a network security group.', { line: 1, column: 1 }));
      return { nsgs: [], none: true, diagnostics: diags, unreadable: [], tagPrefixes: {} };
    }
    return { nsgs: [], none: false, diagnostics: diags, unreadable: [], tagPrefixes: {} };
  }
  const ctx: Ctx = { doc, diags, expanded: new Map() };
  const v = doc.value;
  const nsgs: Nsg[] = [];
  const unreadable: string[] = [];
  const effective = effectiveEntries(v);
  if (effective) {
    readEffective(ctx, effective, nsgs);
  } else if (Array.isArray(v) || (isObj(v) && !('subnet' in v) && !('nic' in v) && ('securityRules' in v || 'properties' in v || 'defaultSecurityRules' in v))) {
    const n = readNsg(ctx, 'nsg', v, []);
    if (n) nsgs.push(n);
  } else if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) {
      if (k !== 'subnet' && k !== 'nic') {
        const near = ['subnet', 'nic'].find((x) => x === k.toLowerCase() || editDistance(x, k.toLowerCase()) <= 2);
        diags.push(diag('error', 'nsg-unknown-key', `"${k}" is not a place an NSG can be attached here: use "subnet" and/or "nic"${near ? ` (did you mean "${near}"?)` : ''}.`, { ...doc.keyAt([k]), field: k }));
        continue;
      }
      if (val === null || val === undefined) continue;
      const n = readNsg(ctx, k, val, [k]);
      if (n) nsgs.push(n);
      else unreadable.push(k);
    }
  } else {
    diags.push(diag('error', 'nsg-wrong-shape', 'Expected a JSON array of security rules, an NSG object, or {"subnet": [...], "nic": [...]}.', { ...doc.at([]) }));
  }
  const hadErrors = diags.some((d) => d.severity === 'error');
  const tagPrefixes = Object.fromEntries([...ctx.expanded].map(([k, set]) => [k, [...set]]));
  return { nsgs, none: nsgs.length === 0 && !hadErrors, diagnostics: diags, doc, unreadable, tagPrefixes };
}

/**
 * `az network nic list-effective-nsg`: one entry per association (the subnet's NSG, the NIC's).
 * The output lists Azure's default rules too (priorities 65000–65500); they are the documented
 * defaults this tool always appends, so they are not read as custom rules, but their expanded
 * prefixes are kept (AllowVnetInBound's expansion is the VNet's address space).
 */
function readEffective(ctx: Ctx, effective: { list: unknown[]; key: string }, nsgs: Nsg[]): void {
  const base: PathSegment[] = effective.key ? [effective.key] : [];
  effective.list.forEach((e, i) => {
    const path = [...base, i];
    if (!isObj(e)) {
      ctx.diags.push(diag('error', 'nsg-wrong-shape', `Entry ${i + 1} of the effective rules should be an object.`, { ...ctx.doc.at(path) }));
      return;
    }
    const assoc = isObj(e.association) ? e.association : {};
    const name = isObj(assoc.subnet) ? 'subnet' : 'nic';
    if (nsgs.some((n) => n.name === name)) {
      ctx.diags.push(diag('warning', 'nsg-effective-duplicate', `A second ${name} NSG in the effective rules; a NIC has one subnet NSG and one NIC NSG. Only the first is evaluated.`, { ...ctx.doc.at(path), source: SOURCES.howItWorks }));
      return;
    }
    const rules = Array.isArray(e.effectiveSecurityRules) ? e.effectiveSecurityRules : undefined;
    if (!rules) {
      ctx.diags.push(diag('error', 'nsg-wrong-shape', `Entry ${i + 1} has no effectiveSecurityRules list.`, { ...ctx.doc.at(path) }));
      return;
    }
    const custom: number[] = [];
    rules.forEach((r, j) => {
      const rname = isObj(r) && typeof r.name === 'string' ? r.name : '';
      if (/^defaultSecurityRules\//i.test(rname)) {
        if (isObj(r)) learnExpansions(ctx, r);
      } else custom.push(j);
    });
    const n = readNsg(ctx, name, rules, [...path, 'effectiveSecurityRules'], custom);
    if (n) nsgs.push({ ...n, path });
  });
  ctx.diags.push(diag('info', 'nsg-effective-read', `Read as the effective rules of ${nsgs.map((n) => (n.name === 'subnet' ? 'the subnet NSG' : 'the NIC NSG')).join(' and ') || 'no NSG'} (az network nic list-effective-nsg); Azure's default rules it lists are the documented defaults the tool appends.`, { ...ctx.doc.at([]), source: SOURCES.ipFlowVerify }));
}

/** Records the prefixes a rule's service tags were expanded to (effective-rules output). */
function learnExpansions(ctx: Ctx, r: Record<string, unknown>): void {
  for (const side of ['source', 'destination'] as const) {
    const tag = r[`${side}AddressPrefix`];
    const exp = r[`expanded${side === 'source' ? 'Source' : 'Destination'}AddressPrefix`];
    if (typeof tag !== 'string' || !/^[A-Za-z]/.test(tag) || !Array.isArray(exp) || !exp.length) continue;
    const set = ctx.expanded.get(tag) ?? new Set<string>();
    for (const x of exp) if (typeof x === 'string') set.add(x);
    ctx.expanded.set(tag, set);
  }
}

/** Reads one NSG; `only` limits which rule indexes are read (the effective list's custom rules). */
function readNsg(ctx: Ctx, name: string, v: unknown, path: PathSegment[], only?: number[]): Nsg | undefined {
  let rules: unknown = v;
  let rulesPath = path;
  if (isObj(v)) {
    // An object that is neither an NSG nor empty is not "an NSG without rules": it cannot be read.
    if (Object.keys(v).length && !('securityRules' in v) && !('properties' in v) && !('defaultSecurityRules' in v)) {
      ctx.diags.push(diag('error', 'nsg-wrong-shape', `The ${name} NSG should be a list of security rules or an NSG object (with securityRules); it cannot be read.`, { ...at(ctx, path) }));
      return undefined;
    }
    const props = isObj(v.properties) ? v.properties : v;
    const base = isObj(v.properties) ? [...path, 'properties'] : path;
    if (props.defaultSecurityRules !== undefined) {
      ctx.diags.push(diag('info', 'nsg-default-rules-ignored', `The ${name} NSG lists defaultSecurityRules; the tool always uses Azure's documented default rules instead.`, { ...ctx.doc.keyAt([...base, 'defaultSecurityRules']), source: SOURCES.overview }));
    }
    rules = props.securityRules ?? [];
    rulesPath = [...base, 'securityRules'];
  }
  if (!Array.isArray(rules)) {
    ctx.diags.push(diag('error', 'nsg-wrong-shape', `The ${name} NSG should be a list of security rules.`, { ...at(ctx, rulesPath) }));
    return undefined;
  }
  if (rules.length > MAX_RULES_PER_NSG) {
    ctx.diags.push(diag('error', 'nsg-too-many-rules', `The ${name} NSG has ${rules.length} rules; Azure allows ${MAX_RULES_PER_NSG.toLocaleString('en')} per NSG. Only the first ${MAX_RULES_PER_NSG.toLocaleString('en')} are read.`, { ...at(ctx, rulesPath), source: SOURCES.limits }));
  }
  const out: NsgRule[] = [];
  rules.slice(0, MAX_RULES_PER_NSG).forEach((r, i) => {
    if (only && !only.includes(i)) return;
    if (only && isObj(r)) learnExpansions(ctx, r);
    const rule = readRule(ctx, name, r, [...rulesPath, i]);
    if (rule) out.push(rule);
  });
  checkPrefixCount(ctx, name, out, 'sources', rulesPath);
  checkPrefixCount(ctx, name, out, 'destinations', rulesPath);
  return { name, rules: out, path };
}

function checkPrefixCount(ctx: Ctx, name: string, rules: NsgRule[], side: 'sources' | 'destinations', path: PathSegment[]) {
  const n = rules.reduce((s, r) => s + r[side].filter((a) => a.kind === 'cidr').length, 0);
  if (n > MAX_PREFIXES_PER_NSG) {
    ctx.diags.push(diag('error', 'nsg-too-many-prefixes', `The ${name} NSG names ${n.toLocaleString('en')} ${side === 'sources' ? 'source' : 'destination'} addresses and ranges; Azure allows ${MAX_PREFIXES_PER_NSG.toLocaleString('en')} (counted separately for source and destination).`, { ...at(ctx, path), source: SOURCES.limits }));
  }
}

function pick<T extends string>(raw: unknown, allowed: readonly T[]): T | undefined {
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim().toLowerCase();
  // `Any` is the portal's word for *, `All` the effective-rules output's (EffectiveSecurityRuleProtocol).
  if (t === 'any' || t === 'all') return allowed.find((a) => a === '*');
  return allowed.find((a) => a.toLowerCase() === t);
}

function readRule(ctx: Ctx, nsg: string, raw: unknown, path: PathSegment[]): NsgRule | undefined {
  const { doc, diags } = ctx;
  if (!isObj(raw)) {
    diags.push(diag('error', 'nsg-wrong-shape', `Each security rule should be an object; item ${String(path[path.length - 1])} of the ${nsg} NSG is not.`, { ...doc.at(path) }));
    return undefined;
  }
  const nested = isObj(raw.properties);
  const p: Record<string, unknown> = nested ? (raw.properties as Record<string, unknown>) : raw;
  const fpath = (f: string): PathSegment[] => (nested && f !== 'name' ? [...path, 'properties', f] : [...path, f]);
  // The effective-rules output names rules `securityRules/<name>`.
  const name = (typeof raw.name === 'string' ? raw.name : typeof p.name === 'string' ? p.name : '').replace(/^securityRules\//i, '');
  const label = name ? `rule "${name}"` : `rule ${String(path[path.length - 1])}`;
  let invalid = false;
  const bad = (code: string, f: string, message: string, severity: 'error' | 'warning' | 'info' = 'error', source: string = SOURCES.overview) => {
    if (severity === 'error') invalid = true;
    diags.push(diag(severity, code, message, { ...doc.at(fpath(f)), field: f, source }));
  };

  for (const k of Object.keys(p)) {
    if (RULE_FIELDS.includes(k) || METADATA_FIELDS.includes(k) || EXPANDED_FIELDS.includes(k)) continue;
    const near = RULE_FIELDS.find((f) => f.toLowerCase() === k.toLowerCase() || editDistance(f, k) <= 2);
    diags.push(diag('warning', 'nsg-unknown-field', `Unknown field "${k}" in ${label}${near ? ` (did you mean "${near}"?)` : ''}; it is ignored.`, { ...doc.keyAt(fpath(k)), field: k }));
  }

  if (!name) bad('nsg-missing-field', 'name', `The ${label} in the ${nsg} NSG has no name.`, 'warning');
  else if (!NAME_RE.test(name)) bad('nsg-invalid-rule-name', 'name', `"${name}" is not a valid rule name: up to 80 characters, starting with a letter, digit or _, ending with one of those, with only letters, digits, ".", "-" and "_".`, 'warning');

  let priority = Number.NaN;
  if (p.priority === undefined) bad('nsg-missing-field', 'priority', `The ${label} has no priority (a number from ${PRIORITY_MIN} to ${PRIORITY_MAX}).`);
  else if (typeof p.priority !== 'number' || !Number.isInteger(p.priority)) bad('nsg-invalid-priority', 'priority', `The priority of the ${label} should be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}.`);
  else {
    priority = p.priority;
    if (priority < PRIORITY_MIN || priority > PRIORITY_MAX) {
      bad('nsg-priority-out-of-range', 'priority', `Priority ${priority} of the ${label} is outside ${PRIORITY_MIN}–${PRIORITY_MAX}, the range Azure accepts for security rules; where it would be processed is unknown.`, 'error', SOURCES.rest);
      priority = Number.NaN;
    }
  }

  const direction = pick<Direction>(p.direction, ['Inbound', 'Outbound']);
  const directionUnknown = !direction;
  if (!direction) bad(p.direction === undefined ? 'nsg-missing-field' : 'nsg-invalid-direction', 'direction', `The ${label} needs "direction": "Inbound" or "Outbound".`);
  const access = pick<Access>(p.access, ['Allow', 'Deny']);
  if (!access) bad(p.access === undefined ? 'nsg-missing-field' : 'nsg-invalid-access', 'access', `The ${label} needs "access": "Allow" or "Deny".`);
  const protocol = pick<RuleProtocol>(p.protocol ?? '*', ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*']);
  if (!protocol) bad('nsg-invalid-protocol', 'protocol', `The protocol of the ${label} should be Tcp, Udp, Icmp, Esp, Ah or * (Any).`);

  const sources = readAddresses(ctx, label, p, 'sourceAddressPrefix', fpath, () => (invalid = true));
  const destinations = readAddresses(ctx, label, p, 'destinationAddressPrefix', fpath, () => (invalid = true));
  const sourcePorts = readPorts(ctx, label, p, 'sourcePortRange', fpath, () => (invalid = true));
  const destinationPorts = readPorts(ctx, label, p, 'destinationPortRange', fpath, () => (invalid = true));
  const asgs = (f: string): string[] => {
    const v = p[f];
    if (!Array.isArray(v)) return [];
    return v.map((g) => (isObj(g) && typeof g.id === 'string' ? g.id : typeof g === 'string' ? g : '?'));
  };
  const sourceAsgs = asgs('sourceApplicationSecurityGroups');
  const destinationAsgs = asgs('destinationApplicationSecurityGroups');
  if (sourceAsgs.length || destinationAsgs.length) {
    diags.push(diag('warning', 'nsg-asg-not-evaluated', `The ${label} uses application security groups; their members are not known offline, so the rule never matches here.`, { ...doc.at(fpath(sourceAsgs.length ? 'sourceApplicationSecurityGroups' : 'destinationApplicationSecurityGroups')) }));
  }
  if (!sources.length && !sourceAsgs.length) bad('nsg-missing-field', 'sourceAddressPrefix', `The ${label} has no source (sourceAddressPrefix, sourceAddressPrefixes or sourceApplicationSecurityGroups).`);
  if (!destinations.length && !destinationAsgs.length) bad('nsg-missing-field', 'destinationAddressPrefix', `The ${label} has no destination (destinationAddressPrefix, destinationAddressPrefixes or destinationApplicationSecurityGroups).`);

  return {
    name: name || `#${String(path[path.length - 1])}`,
    priority,
    direction: direction ?? 'Inbound',
    access: access ?? 'Deny',
    protocol: protocol ?? '*',
    sources, destinations,
    sourcePorts: sourcePorts.length ? sourcePorts : ALL_PORTS,
    destinationPorts: destinationPorts.length ? destinationPorts : ALL_PORTS,
    sourceAsgs, destinationAsgs,
    isDefault: false,
    description: typeof p.description === 'string' ? p.description : undefined,
    path, nested,
    invalid: invalid || undefined,
    ...(directionUnknown ? { directionUnknown: true } : {}),
  };
}

/** Reads `xAddressPrefix` and/or `xAddressPrefixes`. */
function readAddresses(ctx: Ctx, label: string, p: Record<string, unknown>, field: string, fpath: (f: string) => PathSegment[], fail: () => void): Address[] {
  const { doc, diags } = ctx;
  const entries: { text: unknown; path: PathSegment[] }[] = [];
  const single = p[field];
  const plural = p[`${field}es`];
  if (typeof single === 'string' && single.trim() !== '') entries.push({ text: single, path: fpath(field) });
  else if (single !== undefined && single !== null && single !== '') entries.push({ text: single, path: fpath(field) });
  if (Array.isArray(plural)) plural.forEach((t, i) => entries.push({ text: t, path: [...fpath(`${field}es`), i] }));
  else if (plural !== undefined && plural !== null) {
    diags.push(diag('error', 'wrong-type', `${field}es in the ${label} should be a list.`, { ...doc.at(fpath(`${field}es`)) }));
    fail();
  }
  if (typeof single === 'string' && single.trim() !== '' && Array.isArray(plural) && plural.length) {
    diags.push(diag('warning', 'nsg-prefix-both-forms', `The ${label} sets both ${field} and ${field}es; Azure expects one or the other. Both are used here.`, { ...doc.keyAt(fpath(`${field}es`)) }));
  }
  const out: Address[] = [];
  let tags = 0;
  for (const e of entries) {
    if (typeof e.text !== 'string') {
      diags.push(diag('error', 'wrong-type', `An address in the ${label} should be text (a CIDR, an IP, a service tag or *).`, { ...doc.at(e.path) }));
      fail();
      continue;
    }
    const t = e.text.trim();
    if (t === '*' || t.toLowerCase() === 'any' || t === '0.0.0.0/0' || t === '::/0') {
      out.push({ kind: 'any', text: t });
      continue;
    }
    if (/^[0-9a-f:.]+(\/\d+)?$/i.test(t) && /[.:]/.test(t)) {
      const c = parseCidr(t, { strict: false, allowBareIp: true });
      if (!c.ok) {
        diags.push(diag('error', 'nsg-invalid-prefix', `"${t}" in the ${label} is not a valid address or range: ${c.reason}.`, { ...doc.at(e.path) }));
        fail();
        continue;
      }
      if (c.hostBitsSet) diags.push(diag('warning', 'nsg-prefix-host-bits', `"${t}" has host bits set; it is read as the range ${formatCidr(c.value)}.`, { ...doc.at(e.path) }));
      out.push({ kind: 'cidr', cidr: c.value, text: t });
      continue;
    }
    if (!/^[A-Za-z][\w.-]*$/.test(t)) {
      diags.push(diag('error', 'nsg-invalid-prefix', `"${t}" in the ${label} is neither an address, a range, a service tag nor *.`, { ...doc.at(e.path) }));
      fail();
      continue;
    }
    tags++;
    const builtIn = BUILT_IN_TAGS.find((b) => b.toLowerCase() === t.toLowerCase());
    out.push({ kind: 'tag', tag: builtIn ?? t, text: t });
  }
  if (tags > 1) {
    diags.push(diag('error', 'nsg-multiple-service-tags', `The ${label} names ${tags} service tags in one ${field.startsWith('source') ? 'source' : 'destination'}; "you can't specify multiple service tags or application groups in a single rule".`, { ...doc.at(fpath(`${field}es`)), source: SOURCES.overview }));
  }
  if (tags === 1 && out.length > 1) {
    diags.push(diag('info', 'nsg-tag-in-prefix-list', `The ${label} mixes a service tag with addresses in one list. Microsoft's pages do not say whether ARM accepts this (the Terraform provider says tags may not be used in the plural list); it is evaluated as written.`, { ...doc.at(fpath(`${field}es`)) }));
  }
  return out;
}

/** Reads `xPortRange` and/or `xPortRanges`: "80", "10000-10005", "80, 10000-10005", "*" (all). */
function readPorts(ctx: Ctx, label: string, p: Record<string, unknown>, field: string, fpath: (f: string) => PathSegment[], fail: () => void): PortRange[] {
  const { doc, diags } = ctx;
  const entries: { text: unknown; path: PathSegment[] }[] = [];
  const single = p[field];
  const plural = p[`${field}s`];
  if (single !== undefined && single !== null && single !== '') entries.push({ text: single, path: fpath(field) });
  if (Array.isArray(plural)) plural.forEach((t, i) => entries.push({ text: t, path: [...fpath(`${field}s`), i] }));
  const out: PortRange[] = [];
  for (const e of entries) {
    const parts = typeof e.text === 'number' ? [String(e.text)] : typeof e.text === 'string' ? e.text.split(',') : null;
    if (!parts) {
      diags.push(diag('error', 'wrong-type', `A port range in the ${label} should be text such as "443" or "10000-10005".`, { ...doc.at(e.path) }));
      fail();
      continue;
    }
    for (const raw of parts) {
      const t = raw.trim();
      if (t === '*' || t.toLowerCase() === 'any') {
        out.push({ from: 0, to: 65535 });
        continue;
      }
      const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
      const from = m ? Number(m[1]) : Number.NaN;
      const to = m ? Number(m[2] ?? m[1]) : Number.NaN;
      if (!m || from > 65535 || to > 65535 || from > to) {
        diags.push(diag('error', 'nsg-invalid-port', `"${t}" in the ${label} is not a port (0–65535) or a range such as 10000-10005.`, { ...doc.at(e.path) }));
        fail();
        continue;
      }
      out.push({ from, to });
    }
  }
  return out;
}
