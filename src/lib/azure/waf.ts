/**
 * Finds an Application Gateway WAF policy in what a reader pastes:
 * - `az network application-gateway waf-policy show -o json` (fields flattened: policySettings,
 *   customRules, managedRules);
 * - the REST/ARM resource (`{ type, properties: { … } }`), as the sample response of
 *   https://learn.microsoft.com/rest/api/application-gateway/web-application-firewall-policies/get
 *   prints it (fixture `tests/fixtures/az/waf-policy-get.json`);
 * - an ARM template export (`az group export`, portal "Export template"): `{ $schema,
 *   resources: [ … ] }` with one resource of type
 *   Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies.
 *
 * The WAF engine reads the policy itself (its rules, operators and limits); this module only
 * says where the policy is, so every tool finds it the same way.
 */
import type { PathSegment } from '../yaml';
import { flatten, get, isObj, keyOf } from './json';

export const WAF_POLICY_TYPE = 'microsoft.network/applicationgatewaywebapplicationfirewallpolicies';

export function isWafPolicy(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  if (typeof type === 'string') return type.toLowerCase() === WAF_POLICY_TYPE;
  const f = flatten(v, []).fields;
  return isObj(get(f, 'policySettings')) || (Array.isArray(get(f, 'customRules')) && get(f, 'managedRules') !== undefined);
}

/** True for an ARM template (`$schema` … deploymentTemplate.json, or `resources` with `contentVersion`). */
export function isArmTemplate(v: unknown): boolean {
  if (!isObj(v)) return false;
  const schema = get(v, '$schema');
  return (typeof schema === 'string' && /deploymentTemplate\.json/i.test(schema)) || (Array.isArray(get(v, 'resources')) && get(v, 'contentVersion') !== undefined);
}

/** Resources of an ARM template with their paths, optionally only those of one type (case-insensitive). */
export function templateResources(v: unknown, type?: string): { value: Record<string, unknown>; path: PathSegment[] }[] {
  if (!isObj(v)) return [];
  const k = keyOf(v, 'resources');
  const list = k === undefined ? undefined : v[k];
  if (!Array.isArray(list)) return [];
  return list.flatMap((r, i) => {
    if (!isObj(r)) return [];
    const t = get(r, 'type');
    if (type && !(typeof t === 'string' && t.toLowerCase() === type.toLowerCase())) return [];
    return [{ value: r, path: [k!, i] as PathSegment[] }];
  });
}

/**
 * Where the WAF policy is in a pasted value: the value itself, or the policy resources of an
 * ARM template. An empty list when there is none.
 */
export function findWafPolicies(v: unknown): { value: Record<string, unknown>; path: PathSegment[] }[] {
  if (isArmTemplate(v)) return templateResources(v, WAF_POLICY_TYPE);
  return isObj(v) && isWafPolicy(v) ? [{ value: v, path: [] }] : [];
}
