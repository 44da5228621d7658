/**
 * Which `az` output is this? Readers paste outputs one after another into one pane (an
 * `az aks show` followed by an `az network vnet show`); each document is recognised by its
 * shape: the ARM `type` when printed, else the fields only that resource has.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { parseYamlDocuments, type YamlDocument } from '../yaml';
import { isAksCluster } from './aks';
import { get, isObj } from './json';
import { isEffectiveNsgList, isNsg, isRuleList } from './nsg';
import { isSubnet, isVnet } from './vnet';
import { isArmTemplate, isWafPolicy } from './waf';

export type AzOutputKind =
  | 'aks-cluster'
  | 'vnet'
  | 'subnet'
  | 'nsg'
  | 'nsg-rule-list'
  | 'effective-nsg'
  | 'waf-policy'
  | 'arm-template'
  /** A Kubernetes object or List (apiVersion and kind), not an az output. */
  | 'kubernetes'
  | 'unknown';

/** What the kind is called in messages. */
export const AZ_OUTPUT_NAMES: Record<AzOutputKind, string> = {
  'aks-cluster': '`az aks show` (managed cluster)',
  vnet: '`az network vnet show` (virtual network)',
  subnet: '`az network vnet subnet show` (subnet)',
  nsg: '`az network nsg show` (network security group)',
  'nsg-rule-list': '`az network nsg rule list` (security rules)',
  'effective-nsg': '`az network nic list-effective-nsg` (effective security rules)',
  'waf-policy': '`az network application-gateway waf-policy show` (WAF policy)',
  'arm-template': 'an ARM template export',
  kubernetes: 'a Kubernetes object',
  unknown: 'not an az output this tool knows',
};

/** Recognises one parsed value. Order matters only where shapes could overlap (checked most specific first). */
export function detectAzOutput(v: unknown): AzOutputKind {
  if (isArmTemplate(v)) return 'arm-template';
  if (isEffectiveNsgList(v)) return 'effective-nsg';
  if (isRuleList(v)) return 'nsg-rule-list';
  if (!isObj(v)) return 'unknown';
  if (typeof get(v, 'apiVersion') === 'string' && typeof get(v, 'kind') === 'string') return 'kubernetes';
  if (isAksCluster(v)) return 'aks-cluster';
  if (isNsg(v)) return 'nsg';
  if (isWafPolicy(v)) return 'waf-policy';
  if (isVnet(v)) return 'vnet';
  if (isSubnet(v)) return 'subnet';
  return 'unknown';
}

export interface AzDocument {
  kind: AzOutputKind;
  value: unknown;
  /** The parsed document, for positions. */
  doc: YamlDocument;
}

/**
 * Splits a pasted text into its documents (JSON outputs one after another, or YAML documents
 * separated by `---`) and names each. Syntax errors are diagnostics; the documents that did
 * parse are returned.
 */
export function readAzDocuments(text: string): { documents: AzDocument[]; diagnostics: Diagnostic[] } {
  const parsed = parseYamlDocuments(text);
  return {
    documents: parsed.documents.map((doc) => ({ kind: detectAzOutput(doc.value), value: doc.value, doc })),
    diagnostics: parsed.diagnostics.map((d) => (d.code === 'yaml-syntax' && /^\s*[{[]/.test(text) ? { ...d, message: d.message.replace(/^YAML syntax error/, 'JSON syntax error') } : d)),
  };
}

/** A diagnostic for a document of a kind the tool does not read here. */
export function unexpectedDocument(d: AzDocument, expected: string): Diagnostic {
  return diag('error', 'az-unexpected-output', `This document looks like ${AZ_OUTPUT_NAMES[d.kind]}; this pane reads ${expected}.`, d.doc.at([]));
}
