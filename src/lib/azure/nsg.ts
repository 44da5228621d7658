/**
 * Reads network security groups as `az` prints them:
 * - `az network nsg show -o json` — one NSG (`securityRules`, `defaultSecurityRules`, the
 *   subnets and NICs it is attached to);
 * - `az network nsg rule list -o json` — a list of rule objects;
 * - `az network nic list-effective-nsg` — the rules in force on a NIC, per association
 *   (subnet and/or NIC), with service tags expanded to prefixes.
 *
 * Field names and values: SecurityRule and EffectiveNetworkSecurityRule in the REST API
 * (https://learn.microsoft.com/rest/api/virtual-network/network-security-groups/get,
 * https://learn.microsoft.com/rest/api/virtual-network/network-interfaces/list-effective-network-security-groups).
 * The effective list writes protocol `All` (not `*`), names rules
 * `securityRules/<name>` and `defaultSecurityRules/<name>`, and prints the defaults with
 * their priorities 65000–65500; the fixture `tests/fixtures/az/nic-list-effective-nsg.json`
 * follows the output shown in "Diagnose a virtual machine network traffic filter problem"
 * (https://learn.microsoft.com/azure/network-watcher/diagnose-vm-network-traffic-filtering-problem-cli).
 *
 * These readers return typed rules with the raw texts kept (prefix and port syntax is the
 * NSG engine's to judge); enums are read ignoring case and an unknown value is an error.
 */
import type { PathSegment, YamlDocument } from '../yaml';
import { enumOf, flatten, get, idName, isObj, keyOf, Sink, text, textList, whole, type Obj } from './json';

export const NSG_SOURCES = {
  rule: 'https://learn.microsoft.com/rest/api/virtual-network/security-rules/get',
  effective: 'https://learn.microsoft.com/rest/api/virtual-network/network-interfaces/list-effective-network-security-groups',
  effectiveSample: 'https://learn.microsoft.com/azure/network-watcher/diagnose-vm-network-traffic-filtering-problem-cli',
} as const;

export const RULE_DIRECTIONS = ['Inbound', 'Outbound'] as const;
export const RULE_ACCESS = ['Allow', 'Deny'] as const;
/** SecurityRuleProtocol; the effective list prints EffectiveSecurityRuleProtocol (`All` for `*`). */
export const RULE_PROTOCOLS = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'] as const;
export const EFFECTIVE_PROTOCOLS = ['Tcp', 'Udp', 'All'] as const;

export type RuleProtocolText = (typeof RULE_PROTOCOLS)[number];

export interface AzSecurityRule {
  /** The rule's own name, without the `securityRules/` prefix the effective list adds. */
  name: string;
  /** `default` for Azure's built-in rules (defaultSecurityRules, or the `defaultSecurityRules/` prefix). */
  kind: 'custom' | 'default';
  priority?: number;
  direction?: (typeof RULE_DIRECTIONS)[number];
  access?: (typeof RULE_ACCESS)[number];
  /** `All` (effective list) is read as `*`. */
  protocol?: RuleProtocolText;
  /** `xAddressPrefix` and `xAddressPrefixes` together, as written. */
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  /** Effective list only: the prefixes a service tag stands for, as Azure expanded it. */
  expandedSourceAddressPrefixes: string[];
  expandedDestinationAddressPrefixes: string[];
  sourcePortRanges: string[];
  destinationPortRanges: string[];
  sourceAsgIds: string[];
  destinationAsgIds: string[];
  path: PathSegment[];
}

export interface AzNsg {
  name: string;
  id?: string;
  rules: AzSecurityRule[];
  defaultRules: AzSecurityRule[];
  /** Subnets and NICs the NSG is attached to (resource ids). */
  subnetIds: string[];
  nicIds: string[];
}

export interface AzEffectiveNsg {
  /** Where this NSG applies: the subnet's or the NIC's. */
  attachedTo: 'subnet' | 'nic';
  nsgId?: string;
  /** Subnet or NIC resource id of the association. */
  associationId?: string;
  rules: AzSecurityRule[];
  path: PathSegment[];
}

export function isNsg(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  if (typeof type === 'string') return type.toLowerCase() === 'microsoft.network/networksecuritygroups';
  const f = flatten(v, []).fields;
  return Array.isArray(get(f, 'securityRules')) || Array.isArray(get(f, 'defaultSecurityRules'));
}

/** The effective list: `{ value: [...] }` or `{ networkSecurityGroups: [...] }` whose items carry effectiveSecurityRules. */
export function effectiveEntries(v: unknown): { list: unknown[]; key: string } | undefined {
  if (Array.isArray(v) && v.length && v.every((e) => isObj(e) && get(e, 'effectiveSecurityRules') !== undefined)) return { list: v, key: '' };
  if (!isObj(v)) return undefined;
  for (const k of ['value', 'networkSecurityGroups']) {
    const key = keyOf(v, k);
    const list = key === undefined ? undefined : v[key];
    if (Array.isArray(list) && list.some((e) => isObj(e) && get(e, 'effectiveSecurityRules') !== undefined)) return { list, key: key! };
  }
  return undefined;
}

export const isEffectiveNsgList = (v: unknown): boolean => effectiveEntries(v) !== undefined;

/** A list of rule objects (`az network nsg rule list`): every item has access and direction. */
export function isRuleList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((r) => isObj(r) && get(flatten(r, []).fields, 'access') !== undefined && get(flatten(r, []).fields, 'direction') !== undefined);
}

/** Reads one rule object in any of the printed shapes. Appends problems to `sink`. */
export function readSecurityRule(value: unknown, path: PathSegment[], sink: Sink, kind: 'custom' | 'default' = 'custom'): AzSecurityRule | undefined {
  if (!isObj(value)) {
    sink.add('error', 'az-wrong-shape', 'A security rule should be an object.', path, NSG_SOURCES.rule);
    return undefined;
  }
  const f = flatten(value, path);
  const F: Obj = f.fields;
  let name = text(get(F, 'name'), f.pathOf('name'), sink, 'name') ?? '';
  const prefixed = /^(defaultSecurityRules|securityRules)\/(.*)$/i.exec(name);
  if (prefixed) {
    if (prefixed[1]!.toLowerCase() === 'defaultsecurityrules') kind = 'default';
    name = prefixed[2]!;
  }
  const rawProtocol = get(F, 'protocol');
  const protocol = typeof rawProtocol === 'string' && rawProtocol.trim().toLowerCase() === 'all' ? '*' : enumOf(rawProtocol, RULE_PROTOCOLS, f.pathOf('protocol'), sink, 'protocol', NSG_SOURCES.rule);
  const both = (field: string): string[] => [
    ...textList(get(F, field), f.pathOf(field), sink, field),
    ...textList(get(F, `${field}es`), f.pathOf(`${field}es`), sink, `${field}es`),
  ];
  const ports = (field: string): string[] => {
    const single = get(F, field);
    return [
      ...(typeof single === 'number' ? [String(single)] : textList(single, f.pathOf(field), sink, field)),
      ...textList(get(F, `${field}s`), f.pathOf(`${field}s`), sink, `${field}s`),
    ];
  };
  const asgs = (field: string): string[] => {
    const v = get(F, field);
    return Array.isArray(v) ? v.flatMap((g) => (typeof get(g, 'id') === 'string' ? [get(g, 'id') as string] : typeof g === 'string' ? [g] : [])) : [];
  };
  return {
    name,
    kind,
    priority: whole(get(F, 'priority'), f.pathOf('priority'), sink, 'priority'),
    direction: enumOf(get(F, 'direction'), RULE_DIRECTIONS, f.pathOf('direction'), sink, 'direction', NSG_SOURCES.rule),
    access: enumOf(get(F, 'access'), RULE_ACCESS, f.pathOf('access'), sink, 'access', NSG_SOURCES.rule),
    protocol,
    sourceAddressPrefixes: dedupe(both('sourceAddressPrefix')),
    destinationAddressPrefixes: dedupe(both('destinationAddressPrefix')),
    expandedSourceAddressPrefixes: textList(get(F, 'expandedSourceAddressPrefix'), f.pathOf('expandedSourceAddressPrefix'), sink, 'expandedSourceAddressPrefix'),
    expandedDestinationAddressPrefixes: textList(get(F, 'expandedDestinationAddressPrefix'), f.pathOf('expandedDestinationAddressPrefix'), sink, 'expandedDestinationAddressPrefix'),
    sourcePortRanges: dedupe(ports('sourcePortRange')),
    destinationPortRanges: dedupe(ports('destinationPortRange')),
    sourceAsgIds: asgs('sourceApplicationSecurityGroups'),
    destinationAsgIds: asgs('destinationApplicationSecurityGroups'),
    path,
  };
}

/** The effective list prints both `sourceAddressPrefix` and the same value in `sourceAddressPrefixes`. */
const dedupe = (list: string[]): string[] => [...new Set(list.map((s) => s.trim()))];

export function readNsg(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { nsg?: AzNsg; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const base = where.path ?? [];
  if (!isObj(value)) {
    sink.add('error', 'az-wrong-shape', 'Expected the JSON object `az network nsg show -o json` prints.', base, NSG_SOURCES.rule);
    return { diagnostics: sink.diagnostics };
  }
  const f = flatten(value, base);
  const F = f.fields;
  const rules = (field: string, kind: 'custom' | 'default'): AzSecurityRule[] => {
    const v = get(F, field);
    if (v !== undefined && !Array.isArray(v)) sink.add('error', 'az-wrong-type', `${field} should be a list.`, f.pathOf(field));
    return (Array.isArray(v) ? v : []).flatMap((r, i) => {
      const x = readSecurityRule(r, [...f.pathOf(field), i], sink, kind);
      return x ? [x] : [];
    });
  };
  const ids = (field: string): string[] => {
    const v = get(F, field);
    return Array.isArray(v) ? v.flatMap((x) => (typeof get(x, 'id') === 'string' ? [get(x, 'id') as string] : [])) : [];
  };
  return {
    nsg: {
      name: text(get(F, 'name'), f.pathOf('name'), sink, 'name') ?? 'nsg',
      id: text(get(F, 'id'), f.pathOf('id'), sink, 'id'),
      rules: rules('securityRules', 'custom'),
      defaultRules: rules('defaultSecurityRules', 'default'),
      subnetIds: ids('subnets'),
      nicIds: ids('networkInterfaces'),
    },
    diagnostics: sink.diagnostics,
  };
}

export function readRuleList(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { rules: AzSecurityRule[]; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const base = where.path ?? [];
  if (!Array.isArray(value)) {
    sink.add('error', 'az-wrong-shape', 'Expected the JSON list `az network nsg rule list -o json` prints.', base, NSG_SOURCES.rule);
    return { rules: [], diagnostics: sink.diagnostics };
  }
  const rules = value.flatMap((r, i) => {
    const x = readSecurityRule(r, [...base, i], sink);
    return x ? [x] : [];
  });
  return { rules, diagnostics: sink.diagnostics };
}

/** Reads `az network nic list-effective-nsg` output: one entry per association (subnet, NIC). */
export function readEffectiveNsgs(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { nsgs: AzEffectiveNsg[]; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const base = where.path ?? [];
  const entries = effectiveEntries(value);
  if (!entries) {
    sink.add('error', 'az-wrong-shape', 'Expected the output of `az network nic list-effective-nsg`: a "value" list whose items have effectiveSecurityRules.', base, NSG_SOURCES.effective);
    return { nsgs: [], diagnostics: sink.diagnostics };
  }
  const listPath = entries.key ? [...base, entries.key] : base;
  const nsgs: AzEffectiveNsg[] = [];
  entries.list.forEach((e, i) => {
    const path = [...listPath, i];
    if (!isObj(e)) {
      sink.add('error', 'az-wrong-shape', `Entry ${i + 1} should be an object.`, path);
      return;
    }
    const assoc = get(e, 'association');
    const subnetId = get(get(assoc, 'subnet'), 'id');
    const nicId = get(get(assoc, 'networkInterface'), 'id');
    const attachedTo = typeof subnetId === 'string' ? 'subnet' : 'nic';
    const rk = keyOf(e, 'effectiveSecurityRules') ?? 'effectiveSecurityRules';
    const raw = e[rk];
    if (!Array.isArray(raw)) sink.add('error', 'az-wrong-type', 'effectiveSecurityRules should be a list.', [...path, rk], NSG_SOURCES.effective);
    const rules = (Array.isArray(raw) ? raw : []).flatMap((r, j) => {
      const x = readSecurityRule(r, [...path, rk, j], sink);
      return x ? [x] : [];
    });
    const nsgId = get(get(e, 'networkSecurityGroup'), 'id');
    nsgs.push({
      attachedTo,
      ...(typeof nsgId === 'string' ? { nsgId } : {}),
      ...(typeof subnetId === 'string' ? { associationId: subnetId } : typeof nicId === 'string' ? { associationId: nicId } : {}),
      rules,
      path,
    });
  });
  if (nsgs.filter((n) => n.attachedTo === 'subnet').length > 1 || nsgs.filter((n) => n.attachedTo === 'nic').length > 1) {
    sink.add('warning', 'az-effective-several', `The list has ${nsgs.length} entries for ${nsgs.map((n) => (n.nsgId ? idName(n.nsgId) : n.attachedTo)).join(', ')}; a NIC has at most one subnet NSG and one NIC NSG.`, listPath, NSG_SOURCES.effective);
  }
  return { nsgs, diagnostics: sink.diagnostics };
}
