/**
 * Reads an Application Gateway WAF policy (JSON as ARM templates, `az … waf-policy show`
 * or the docs print it) into a model the evaluator runs, with every problem reported as a
 * diagnostic at its JSON line and column.
 *
 * Accepted shapes: the ARM resource ({ properties: {…} }), the flattened form az prints
 * ({ policySettings, customRules, managedRules }), the docs' snippet ({ customRules: […] }),
 * a bare array of custom rules, or a single rule object.
 *
 * Facts: ARM schema Microsoft.Network 2024-05-01 webapplicationfirewall.json (enums,
 * required fields, the `negationConditon` spelling); custom-waf-rules-overview (priority
 * 1–100 and unique; up to 100 custom rules; match-value rules); Azure subscription limits
 * (10 string match values per condition; 540 / 600 IP ranges per condition).
 */
import { readSizeSettings, SIZE_DEFAULTS, type SizeSettings } from './size';
import { diag, type Diagnostic } from '../diagnostics';
import { parseCidr } from '../cidr/ip';
import { findWafPolicies, isArmTemplate } from '../azure';
import { parseYamlValue, type PathSegment } from '../yaml';
import { MATCH_VARIABLES, OPERATORS, TRANSFORMS, type MatchCondition, type MatchVariableName, type Operator, type Transform } from './conditions';
import { compileRegex } from '../regex';
import { FACTS } from '../facts';

export const CUSTOM_RULES_DOC = 'https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview';
export const LIMITS_DOC = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-application-gateway-limits';
export const REST_DOC = 'https://learn.microsoft.com/azure/templates/microsoft.network/applicationgatewaywebapplicationfirewallpolicies';
export const JS_CHALLENGE_DOC = 'https://learn.microsoft.com/azure/web-application-firewall/waf-javascript-challenge';
/** Operators of Azure Front Door's WAF that Application Gateway's schema does not define. */
const FRONT_DOOR_OPERATORS = ['ServiceTagMatch'];

export const POLICY_LIMITS = {
  maxLength: 500_000,
  maxCustomRules: FACTS['waf-custom-rules-max'].value,
  priorityMin: FACTS['waf-custom-rule-priority-min'].value,
  priorityMax: FACTS['waf-custom-rule-priority-max'].value,
  maxStringMatchValues: FACTS['waf-match-values-max'].value,
  /** 540 with CRS 3.1 and older, 600 with CRS 3.2 or newer. */
  maxIpRanges: FACTS['waf-ip-ranges-max'].value,
} as const;

export type RuleAction = 'Allow' | 'Block' | 'Log' | 'JSChallenge';
export type Mode = 'Prevention' | 'Detection';

export interface CustomRule {
  name: string;
  priority: number;
  enabled: boolean;
  ruleType: 'MatchRule' | 'RateLimitRule';
  action: RuleAction;
  conditions: MatchCondition[];
  rateLimit?: { duration?: string; threshold?: number; groupBy: string[] };
  /** JSON path of the rule, for diagnostics. */
  path: PathSegment[];
  /** Fields that could not be read (the defaults used instead are never taken as the rule's real value). */
  unreadable?: ('priority' | 'state' | 'action' | 'ruleType' | 'conditions')[];
}

export interface ManagedRuleSetRef {
  type: string;
  version: string;
}

export interface RuleOverride {
  ruleId: string;
  group: string;
  state: 'Enabled' | 'Disabled';
  action?: string;
}

export interface Exclusion {
  matchVariable: string;
  selectorMatchOperator: string;
  selector: string;
  /** Empty: applies to every managed rule ("globally"). */
  scopes: { ruleSetType: string; ruleSetVersion: string; groups: { name: string; ruleIds: string[] }[] }[];
  index: number;
}

export interface PolicyModel {
  mode: Mode;
  modeGiven: boolean;
  enabled: boolean;
  blockStatusCode: number;
  rules: CustomRule[];
  managed?: { ruleSets: ManagedRuleSetRef[]; overrides: RuleOverride[]; exclusions: Exclusion[] };
  /** False only for OWASP CRS 3.1 or older. */
  crs32OrNewer: boolean;
  /** True when the custom rules could not be read at all (not a list, or the text does not parse). */
  rulesUnreadable?: boolean;
  /** Request size limits (policySettings), see size.ts. */
  size: SizeSettings;
}

const ALIASES: Record<string, Operator> = { equals: 'Equal', startswith: 'BeginsWith', beginswith: 'BeginsWith', geomatch: 'GeoMatch' };

const ARM_TOP = new Set(['id', 'name', 'type', 'location', 'tags', 'etag', 'properties', 'resourceGroup', 'applicationGateways', 'httpListeners', 'pathBasedRules', 'provisioningState', 'resourceState', 'applicationGatewayForContainers', 'policySettings', 'customRules', 'managedRules', 'apiVersion', 'dependsOn', 'systemData']);
const RULE_FIELDS = new Set(['name', 'priority', 'state', 'ruleType', 'action', 'matchConditions', 'rateLimitDuration', 'rateLimitThreshold', 'groupByUserSession', 'etag']);
const COND_FIELDS = new Set(['matchVariables', 'operator', 'negationConditon', 'negationCondition', 'matchValues', 'transforms']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Case-insensitive lookup in an enum list; ARM enum strings are compared loosely here. */
function enumOf<T extends string>(list: readonly T[], v: unknown): T | undefined {
  if (typeof v !== 'string') return undefined;
  return list.find((x) => x.toLowerCase() === v.toLowerCase());
}

export function readPolicy(text: string): { policy: PolicyModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const policy: PolicyModel = { mode: 'Prevention', modeGiven: false, enabled: true, blockStatusCode: 403, rules: [], crs32OrNewer: true, size: { ...SIZE_DEFAULTS } };
  let sizeSettings: { v: Record<string, unknown>; path: PathSegment[] } | undefined;
  const parsed = parseYamlValue(text, { maxLength: POLICY_LIMITS.maxLength });
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.document;
  if (!doc) {
    if (!parsed.diagnostics.length) diagnostics.push(diag('error', 'empty-policy', 'The policy is empty: paste a WAF policy or its customRules as JSON.', { line: 1, column: 1 }));
    else policy.rulesUnreadable = true;
    return { policy, diagnostics };
  }
  const at = (path: PathSegment[], extra: Partial<Diagnostic> = {}) => ({ ...doc.at(path), field: path.join('.'), ...extra });
  const keyAt = (path: PathSegment[]) => ({ ...doc.keyAt(path), field: path.join('.') });

  let root: unknown = doc.value;
  let base: PathSegment[] = [];
  // An ARM template export (`az group export`, portal "Export template"): read its WAF policy resource.
  if (isArmTemplate(root)) {
    const found = findWafPolicies(root);
    if (!found.length) {
      diagnostics.push(diag('error', 'no-waf-policy', 'This ARM template has no resource of type Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies.', at([])));
      policy.rulesUnreadable = true;
      return { policy, diagnostics };
    }
    if (found.length > 1) diagnostics.push(diag('warning', 'several-waf-policies', `The template holds ${found.length} WAF policies; the first (${String(found[0]!.value.name ?? '')}) is evaluated.`, at(found[1]!.path)));
    root = found[0]!.value;
    base = found[0]!.path;
  }
  let rulesValue: unknown;
  let rulesPath: PathSegment[] = [];
  if (Array.isArray(root)) {
    rulesValue = root;
  } else if (isObj(root)) {
    const top = root;
    const topPath = base;
    if (isObj(root.properties)) {
      base = [...base, 'properties'];
      root = root.properties;
    }
    const r = root as Record<string, unknown>;
    if ('matchConditions' in r) {
      rulesValue = [r];
    } else {
      for (const k of Object.keys(top)) {
        if (!ARM_TOP.has(k)) diagnostics.push(diag('warning', 'unknown-field', `Unknown field "${k}" in the policy; it is ignored.`, keyAt([...topPath, k])));
      }
      if (top !== root) for (const k of Object.keys(r)) if (!ARM_TOP.has(k)) diagnostics.push(diag('warning', 'unknown-field', `Unknown field "${k}" in properties; it is ignored.`, keyAt([...base, k])));
      rulesValue = r.customRules;
      rulesPath = [...base, 'customRules'];
      readSettings(r.policySettings, [...base, 'policySettings']);
      readManaged(r.managedRules, [...base, 'managedRules']);
    }
  } else {
    diagnostics.push(diag('error', 'policy-not-object', 'The policy should be a JSON object (or an array of custom rules).', at([])));
    policy.rulesUnreadable = true;
    return { policy, diagnostics };
  }

  if (rulesValue === undefined || rulesValue === null) {
    diagnostics.push(diag('info', 'no-custom-rules', 'The policy has no customRules; only the managed rules would apply.', at(rulesPath)));
  } else if (!Array.isArray(rulesValue)) {
    diagnostics.push(diag('error', 'wrong-type', 'customRules should be a list of rules. They cannot be read, so no request is reported as passing them.', at(rulesPath)));
    policy.rulesUnreadable = true;
  } else {
    if (rulesValue.length > POLICY_LIMITS.maxCustomRules) {
      diagnostics.push(diag('error', 'too-many-custom-rules', `The policy has ${rulesValue.length} custom rules; Azure allows at most ${POLICY_LIMITS.maxCustomRules}.`, { ...at(rulesPath), source: CUSTOM_RULES_DOC }));
    }
    rulesValue.forEach((raw, i) => {
      const rule = readRule(raw, [...rulesPath, i]);
      if (rule) policy.rules.push(rule);
    });
    checkUnique();
  }
  if (sizeSettings) {
    const { v, path } = sizeSettings;
    policy.size = readSizeSettings(v, policy.crs32OrNewer, (k) => at([...path, k]), diagnostics);
  }
  return { policy, diagnostics };

  function readSettings(v: unknown, path: PathSegment[]): void {
    if (v === undefined || v === null) return;
    if (!isObj(v)) {
      diagnostics.push(diag('error', 'wrong-type', 'policySettings should be an object.', at(path)));
      return;
    }
    if (v.mode !== undefined) {
      const mode = enumOf(['Prevention', 'Detection'] as const, v.mode);
      if (!mode) diagnostics.push(diag('error', 'invalid-mode', `policySettings.mode must be "Prevention" or "Detection", not ${JSON.stringify(v.mode)}.`, { ...at([...path, 'mode']), source: REST_DOC }));
      else {
        policy.mode = mode;
        policy.modeGiven = true;
      }
    }
    if (v.state !== undefined) {
      const state = enumOf(['Enabled', 'Disabled'] as const, v.state);
      if (!state) diagnostics.push(diag('error', 'invalid-state', `policySettings.state must be "Enabled" or "Disabled".`, at([...path, 'state'])));
      else policy.enabled = state === 'Enabled';
    }
    sizeSettings = { v, path };
    if (v.customBlockResponseStatusCode !== undefined) {
      const c = v.customBlockResponseStatusCode;
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) diagnostics.push(diag('error', 'invalid-status-code', 'customBlockResponseStatusCode should be a whole number.', at([...path, 'customBlockResponseStatusCode'])));
      else policy.blockStatusCode = c;
    }
  }

  function readManaged(v: unknown, path: PathSegment[]): void {
    if (v === undefined || v === null) return;
    if (!isObj(v)) {
      diagnostics.push(diag('error', 'wrong-type', 'managedRules should be an object.', at(path)));
      return;
    }
    const managed: NonNullable<PolicyModel['managed']> = { ruleSets: [], overrides: [], exclusions: [] };
    const sets = v.managedRuleSets;
    if (!Array.isArray(sets)) {
      diagnostics.push(diag('error', 'missing-field', 'managedRules needs a managedRuleSets list (it is required by the ARM schema).', { ...at(path), source: REST_DOC }));
    } else {
      sets.forEach((s, i) => {
        const p = [...path, 'managedRuleSets', i];
        if (!isObj(s) || typeof s.ruleSetType !== 'string' || (typeof s.ruleSetVersion !== 'string' && typeof s.ruleSetVersion !== 'number')) {
          diagnostics.push(diag('error', 'invalid-rule-set', 'Each managed rule set needs ruleSetType and ruleSetVersion, e.g. "OWASP" and "3.2".', at(p)));
          return;
        }
        const ref = { type: s.ruleSetType, version: String(s.ruleSetVersion) };
        managed.ruleSets.push(ref);
        if (ref.type.toUpperCase() === 'OWASP' && Number.parseFloat(ref.version) < 3.2) policy.crs32OrNewer = false;
        const groups = s.ruleGroupOverrides;
        if (Array.isArray(groups)) {
          groups.forEach((g, gi) => {
            if (!isObj(g) || !Array.isArray(g.rules)) return;
            g.rules.forEach((r, ri) => {
              if (!isObj(r) || (typeof r.ruleId !== 'string' && typeof r.ruleId !== 'number')) {
                diagnostics.push(diag('error', 'invalid-override', 'A rule override needs a ruleId.', at([...p, 'ruleGroupOverrides', gi, 'rules', ri])));
                return;
              }
              // ARM: state "Defaults to Disabled if not specified" for a listed override.
              const state = enumOf(['Enabled', 'Disabled'] as const, r.state) ?? 'Disabled';
              managed.overrides.push({ ruleId: String(r.ruleId), group: String(g.ruleGroupName ?? ''), state, ...(typeof r.action === 'string' ? { action: r.action } : {}) });
            });
          });
        }
      });
    }
    if (Array.isArray(v.exclusions)) {
      v.exclusions.forEach((e, i) => {
        const p = [...path, 'exclusions', i];
        if (!isObj(e) || typeof e.matchVariable !== 'string' || typeof e.selectorMatchOperator !== 'string') {
          diagnostics.push(diag('error', 'invalid-exclusion', 'An exclusion needs matchVariable, selectorMatchOperator and selector.', at(p)));
          return;
        }
        const scopes: Exclusion['scopes'] = [];
        if (Array.isArray(e.exclusionManagedRuleSets)) {
          for (const s of e.exclusionManagedRuleSets) {
            if (!isObj(s)) continue;
            const groups = Array.isArray(s.ruleGroups)
              ? s.ruleGroups.filter(isObj).map((g) => ({ name: String(g.ruleGroupName ?? ''), ruleIds: Array.isArray(g.rules) ? g.rules.filter(isObj).map((r) => String(r.ruleId)) : [] }))
              : [];
            scopes.push({ ruleSetType: String(s.ruleSetType ?? ''), ruleSetVersion: String(s.ruleSetVersion ?? ''), groups });
          }
        }
        managed.exclusions.push({ matchVariable: e.matchVariable, selectorMatchOperator: e.selectorMatchOperator, selector: typeof e.selector === 'string' ? e.selector : '', scopes, index: i });
      });
    }
    policy.managed = managed;
  }

  function readRule(raw: unknown, path: PathSegment[]): CustomRule | undefined {
    if (!isObj(raw)) {
      diagnostics.push(diag('error', 'wrong-type', 'Each custom rule should be an object.', at(path)));
      return undefined;
    }
    for (const k of Object.keys(raw)) {
      if (!RULE_FIELDS.has(k)) diagnostics.push(diag('warning', 'unknown-field', `Unknown field "${k}" in a custom rule; it is ignored.`, keyAt([...path, k])));
    }
    const name = typeof raw.name === 'string' ? raw.name : `rule #${Number(path[path.length - 1]) + 1}`;
    if (raw.name !== undefined && typeof raw.name !== 'string') diagnostics.push(diag('error', 'wrong-type', 'name should be text.', at([...path, 'name'])));
    const nameMax = FACTS['waf-custom-rule-name-max'].value;
    if (typeof raw.name === 'string' && raw.name.length > nameMax) diagnostics.push(diag('error', 'name-too-long', `A custom rule name has at most ${nameMax} characters; this one has ${raw.name.length}.`, { ...at([...path, 'name']), source: REST_DOC }));
    for (const req of ['priority', 'ruleType', 'matchConditions', 'action']) {
      if (raw[req] === undefined) diagnostics.push(diag('error', 'missing-field', `Custom rule "${name}" needs "${req}" (required by the ARM schema).`, { ...at(path), source: REST_DOC }));
    }
    const unreadable: NonNullable<CustomRule['unreadable']> = [];
    let priority = Number.MAX_SAFE_INTEGER;
    if (raw.priority === undefined) unreadable.push('priority');
    if (raw.priority !== undefined) {
      if (typeof raw.priority !== 'number' || !Number.isInteger(raw.priority)) {
        diagnostics.push(diag('error', 'wrong-type', `priority of "${name}" should be a whole number.`, at([...path, 'priority'])));
        unreadable.push('priority');
      } else {
        priority = raw.priority;
        if (priority < POLICY_LIMITS.priorityMin || priority > POLICY_LIMITS.priorityMax) {
          diagnostics.push(diag('error', 'priority-out-of-range', `Priority ${priority} of "${name}" is outside the allowed range 1–100, so where Azure would run it is unknown; it is evaluated last here.`, { ...at([...path, 'priority']), source: CUSTOM_RULES_DOC }));
          priority = Number.MAX_SAFE_INTEGER;
          unreadable.push('priority');
        }
      }
    }
    let enabled = true;
    if (raw.state !== undefined) {
      const s = enumOf(['Enabled', 'Disabled'] as const, raw.state);
      if (!s) {
        diagnostics.push(diag('error', 'invalid-state', `state of "${name}" must be "Enabled" or "Disabled".`, at([...path, 'state'])));
        unreadable.push('state');
      } else enabled = s === 'Enabled';
    }
    let ruleType: CustomRule['ruleType'] = 'MatchRule';
    if (raw.ruleType !== undefined) {
      const t = enumOf(['MatchRule', 'RateLimitRule', 'Invalid'] as const, raw.ruleType);
      if (!t || t === 'Invalid') {
        diagnostics.push(diag('error', 'invalid-rule-type', `ruleType of "${name}" must be "MatchRule" or "RateLimitRule".`, { ...at([...path, 'ruleType']), source: REST_DOC }));
        unreadable.push('ruleType');
      } else ruleType = t;
    }
    let action: RuleAction = 'Block';
    if (raw.action !== undefined) {
      const a = enumOf(['Allow', 'Block', 'Log', 'JSChallenge'] as const, raw.action);
      if (!a) {
        diagnostics.push(diag('error', 'invalid-action', `action of "${name}" must be Allow, Block, Log or JSChallenge, not ${JSON.stringify(raw.action)}.`, { ...at([...path, 'action']), source: REST_DOC }));
        unreadable.push('action');
      } else action = a;
    } else unreadable.push('action');
    const rule: CustomRule = { name, priority, enabled, ruleType, action, conditions: [], path, ...(unreadable.length ? { unreadable } : {}) };
    if (ruleType === 'RateLimitRule' && action === 'JSChallenge') {
      diagnostics.push(diag('error', 'jschallenge-rate-limit', `Rate-limit rule "${name}" uses action JSChallenge. On Application Gateway "the JavaScript challenge action … isn't supported for Rate Limit type custom rules" (preview limitation); Azure does not challenge clients over the limit with this rule. Use Block for rate-limit rules.`, { ...at([...path, 'action']), source: JS_CHALLENGE_DOC }));
    }
    if (ruleType === 'RateLimitRule') {
      const groupBy: string[] = [];
      if (Array.isArray(raw.groupByUserSession)) {
        for (const g of raw.groupByUserSession) if (isObj(g) && Array.isArray(g.groupByVariables)) for (const v of g.groupByVariables) if (isObj(v) && typeof v.variableName === 'string') groupBy.push(v.variableName);
      }
      rule.rateLimit = {
        ...(typeof raw.rateLimitDuration === 'string' ? { duration: raw.rateLimitDuration } : {}),
        ...(typeof raw.rateLimitThreshold === 'number' ? { threshold: raw.rateLimitThreshold } : {}),
        groupBy,
      };
      if (typeof raw.rateLimitThreshold !== 'number' || raw.rateLimitThreshold < 1) {
        diagnostics.push(diag('error', 'invalid-rate-limit', `Rate-limit rule "${name}" needs rateLimitThreshold ≥ 1.`, { ...at([...path, 'rateLimitThreshold']), source: REST_DOC }));
      }
      if (raw.rateLimitDuration !== undefined && !enumOf(['OneMin', 'FiveMins'] as const, raw.rateLimitDuration)) {
        diagnostics.push(diag('error', 'invalid-rate-limit', `rateLimitDuration must be "OneMin" or "FiveMins".`, at([...path, 'rateLimitDuration'])));
      }
    }
    const conds = raw.matchConditions;
    if (!Array.isArray(conds)) {
      // Missing or not a list: what the rule matches is unknown (never "nothing").
      if (conds !== undefined) diagnostics.push(diag('error', 'wrong-type', `matchConditions of "${name}" should be a list.`, at([...path, 'matchConditions'])));
      rule.unreadable = [...(rule.unreadable ?? []), 'conditions'];
    } else {
      if (conds.length === 0) diagnostics.push(diag('error', 'no-match-conditions', `Custom rule "${name}" has no match conditions.`, at([...path, 'matchConditions'])));
      conds.forEach((c, i) => {
        const cond = readCondition(c, [...path, 'matchConditions', i], name);
        if (cond) rule.conditions.push(cond);
        else rule.conditions.push({ variables: [], operator: 'Any', negate: false, values: [], transforms: [], invalid: true });
      });
    }
    return rule;
  }

  function readCondition(raw: unknown, path: PathSegment[], ruleName: string): MatchCondition | undefined {
    if (!isObj(raw)) {
      diagnostics.push(diag('error', 'wrong-type', 'A match condition should be an object.', at(path)));
      return undefined;
    }
    for (const k of Object.keys(raw)) {
      if (!COND_FIELDS.has(k)) diagnostics.push(diag('warning', 'unknown-field', `Unknown field "${k}" in a match condition; it is ignored.`, keyAt([...path, k])));
    }
    let ok = true;
    // Operator
    let operator: Operator | undefined = enumOf(OPERATORS, raw.operator);
    if (!operator && typeof raw.operator === 'string' && ALIASES[raw.operator.toLowerCase()]) {
      operator = ALIASES[raw.operator.toLowerCase()];
      diagnostics.push(diag('error', 'operator-spelling', `The ARM schema spells this operator "${operator}", not "${raw.operator}"; evaluated as ${operator}.`, { ...at([...path, 'operator']), source: REST_DOC }));
    }
    if (!operator) {
      const frontDoor = typeof raw.operator === 'string' && FRONT_DOOR_OPERATORS.some((o) => o.toLowerCase() === String(raw.operator).toLowerCase());
      diagnostics.push(diag('error', raw.operator === undefined ? 'missing-field' : frontDoor ? 'front-door-operator' : 'unknown-operator',
        raw.operator === undefined
          ? `A condition of "${ruleName}" needs an operator.`
          : `${frontDoor ? `${JSON.stringify(raw.operator)} is an operator of Azure Front Door's WAF` : `Unknown operator ${JSON.stringify(raw.operator)}`}: Application Gateway's WAF policy schema does not define it, so Azure does not run this condition as written (the policy is rejected or the rule never applies). Use one of ${OPERATORS.join(', ')}. The rule's outcome is unknown here.`,
        { ...at(raw.operator === undefined ? path : [...path, 'operator']), source: REST_DOC }));
      ok = false;
    }
    // Variables
    const variables: MatchCondition['variables'] = [];
    if (!Array.isArray(raw.matchVariables) || raw.matchVariables.length === 0) {
      diagnostics.push(diag('error', 'missing-field', `A condition of "${ruleName}" needs matchVariables (a list of {variableName, selector}).`, at(raw.matchVariables === undefined ? path : [...path, 'matchVariables'])));
      ok = false;
    } else {
      raw.matchVariables.forEach((v, i) => {
        const p = [...path, 'matchVariables', i];
        const name = isObj(v) ? enumOf(MATCH_VARIABLES, v.variableName) : undefined;
        if (!isObj(v) || !name) {
          const given = isObj(v) ? v.variableName : v;
          const frontDoor = typeof given === 'string' && ['socketaddr', 'requestheader', 'cookies'].includes(given.toLowerCase());
          diagnostics.push(
            diag('error', frontDoor ? 'front-door-variable' : 'unknown-match-variable', frontDoor
              ? `${JSON.stringify(given)} is a match variable of Azure Front Door's WAF, not Application Gateway's; use one of ${MATCH_VARIABLES.join(', ')}.`
              : `Unknown match variable ${JSON.stringify(given)}; use one of ${MATCH_VARIABLES.join(', ')}.`, { ...at(isObj(v) ? [...p, 'variableName'] : p), source: REST_DOC }),
          );
          ok = false;
          return;
        }
        if (v.selector !== undefined && v.selector !== null && typeof v.selector !== 'string') {
          diagnostics.push(diag('error', 'wrong-type', 'selector should be text.', at([...p, 'selector'])));
          ok = false;
          return;
        }
        const selector = typeof v.selector === 'string' && v.selector !== '' ? v.selector : undefined;
        if (selector !== undefined && ['RemoteAddr', 'RequestMethod', 'RequestUri', 'RequestBody'].includes(name)) {
          diagnostics.push(diag('warning', 'selector-ignored', `${name} is a single value; its selector "${selector}" is ignored.`, at([...p, 'selector'])));
        }
        if (selector === undefined && name === 'RequestHeaders' && operator !== 'Any') {
          diagnostics.push(diag('info', 'no-selector', 'RequestHeaders without a selector: the docs do not say what is compared; this tool tests every header value.', at(p)));
        }
        variables.push({ name: name as MatchVariableName, ...(selector !== undefined && !['RemoteAddr', 'RequestMethod', 'RequestUri', 'RequestBody'].includes(name) ? { selector } : {}) });
      });
      if (raw.matchVariables.length > 1) {
        diagnostics.push(diag('info', 'several-match-variables', 'This condition lists several match variables; the docs do not say how they combine. This tool treats the condition as matching when any of them matches (as ModSecurity does with VAR1|VAR2).', at([...path, 'matchVariables'])));
      }
    }
    // Negation (the ARM property really is spelled "negationConditon").
    let negate = false;
    const negKey = raw.negationConditon !== undefined ? 'negationConditon' : raw.negationCondition !== undefined ? 'negationCondition' : undefined;
    if (negKey) {
      const n = raw[negKey];
      if (typeof n !== 'boolean') {
        diagnostics.push(diag('error', 'wrong-type', `${negKey} should be true or false; whether the condition is negated is unknown.`, at([...path, negKey])));
        ok = false;
      } else negate = n;
      if (negKey === 'negationCondition') {
        diagnostics.push(diag('warning', 'negation-spelling', 'The ARM property is spelled "negationConditon" (a long-standing typo in the API); the current overview page shows "negationCondition". Whether ARM accepts this spelling is not documented — this tool honours it, but deploy with "negationConditon".', { ...keyAt([...path, negKey]), source: REST_DOC }));
      }
    }
    // Transforms
    const transforms: Transform[] = [];
    if (raw.transforms !== undefined && raw.transforms !== null) {
      if (!Array.isArray(raw.transforms)) diagnostics.push(diag('error', 'wrong-type', 'transforms should be a list.', at([...path, 'transforms'])));
      else
        raw.transforms.forEach((t, i) => {
          const tr = enumOf(TRANSFORMS, t);
          if (!tr) diagnostics.push(diag('error', 'unknown-transform', `Unknown transform ${JSON.stringify(t)}; use ${TRANSFORMS.join(', ')}.`, { ...at([...path, 'transforms', i]), source: REST_DOC }));
          else transforms.push(tr);
        });
    }
    if (operator === 'GeoMatch' && transforms.length) {
      diagnostics.push(diag('info', 'transforms-on-geomatch', 'Transforms are not applied to GeoMatch here: country codes are compared as codes (the docs\' Example 2 pairs Lowercase with "US"; its effect is not documented).', at([...path, 'transforms'])));
    }
    // Values
    const values: string[] = [];
    if (raw.matchValues === undefined || raw.matchValues === null) {
      if (operator !== 'Any') {
        diagnostics.push(diag('error', 'missing-field', `A condition of "${ruleName}" needs matchValues.`, { ...at(path), source: REST_DOC }));
        ok = false;
      }
    } else if (!Array.isArray(raw.matchValues)) {
      diagnostics.push(diag('error', 'wrong-type', 'matchValues should be a list of strings.', at([...path, 'matchValues'])));
      ok = false;
    } else {
      raw.matchValues.forEach((v, i) => {
        if (typeof v !== 'string') {
          // Not coerced: ARM takes strings only, so what this value would match is unknown.
          diagnostics.push(diag('error', 'wrong-type', `Match values are strings; write ${JSON.stringify(String(v))}. This condition is not evaluated.`, at([...path, 'matchValues', i])));
          ok = false;
          values.push(String(v));
        } else values.push(v);
      });
    }
    const cond: MatchCondition = { variables, operator: operator ?? 'Any', negate, values, transforms };
    if (!operator) return ok ? cond : undefined;
    const vpath = (i: number) => at([...path, 'matchValues', i]);
    if (operator === 'Any' && values.length) {
      diagnostics.push(diag('warning', 'values-ignored', 'The Any operator takes no match values ("Use when there\'s no MatchValue"); they are ignored.', { ...at([...path, 'matchValues']), source: CUSTOM_RULES_DOC }));
    }
    if (operator !== 'Any' && raw.matchValues !== undefined && values.length === 0) {
      diagnostics.push(diag('error', 'no-match-values', 'matchValues is empty, so nothing can match.', at([...path, 'matchValues'])));
    }
    if (operator === 'IPMatch') {
      if (variables.some((v) => v.name !== 'RemoteAddr')) {
        diagnostics.push(diag('error', 'ipmatch-variable', 'IPMatch is for the RemoteAddr match variable only.', { ...at([...path, 'matchVariables']), source: CUSTOM_RULES_DOC }));
      }
      if (values.length > POLICY_LIMITS.maxIpRanges) {
        diagnostics.push(diag('error', 'too-many-ip-ranges', `${values.length} IP ranges in one condition; Azure allows 540 (600 with CRS 3.2 or newer).`, { ...at([...path, 'matchValues']), source: LIMITS_DOC }));
      }
      cond.cidrs = values.map((v, i) => {
        const c = parseCidr(v, { strict: false, allowBareIp: true });
        if (!c.ok) {
          diagnostics.push(diag('error', 'invalid-ip-range', `${JSON.stringify(v)} is not an IP address or CIDR range: ${c.reason}.`, vpath(i)));
          return null;
        }
        if (c.hostBitsSet) diagnostics.push(diag('warning', 'host-bits-set', `${v} has host bits set; it is read as the whole range it falls in.`, vpath(i)));
        if (c.value.family === 6) {
          diagnostics.push(diag('warning', 'ipv6-ipmatch', 'The custom rules overview says IPMatch "supports only IPv4", but the newer IPv6 geo-rules page lists "rules based on IPv6 addresses or ranges" as not needing preview registration. The sources disagree; this tool matches IPv6 ranges.', { ...vpath(i), source: CUSTOM_RULES_DOC }));
        }
        return c.value;
      });
      return ok ? cond : undefined;
    }
    if (values.length > POLICY_LIMITS.maxStringMatchValues && operator !== 'GeoMatch') {
      diagnostics.push(diag('error', 'too-many-match-values', `${values.length} match values in one condition; Azure allows ${POLICY_LIMITS.maxStringMatchValues} string match values per condition.`, { ...at([...path, 'matchValues']), source: LIMITS_DOC }));
    }
    if (operator === 'GeoMatch') {
      if (variables.some((v) => v.name !== 'RemoteAddr')) diagnostics.push(diag('warning', 'geomatch-variable', 'GeoMatch locates the client address; use it with RemoteAddr, as the docs\' examples do.', at([...path, 'matchVariables'])));
      values.forEach((v, i) => {
        if (!/^[A-Za-z]{2}$/.test(v)) diagnostics.push(diag('error', 'invalid-country', `${JSON.stringify(v)} is not a two-letter country/region code.`, vpath(i)));
      });
    }
    if (operator === 'Regex') {
      cond.regexes = values.map((v, i) => {
        const r = compileRegex(v);
        if (!r.ok) {
          diagnostics.push(diag(r.code === 'regex-syntax' ? 'error' : 'warning', r.code, `Regex ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)} is not evaluated: ${r.reason}. This value never matches here.`, vpath(i)));
          return null;
        }
        return r.value;
      });
    }
    if (operator === 'LessThan' || operator === 'GreaterThan' || operator === 'LessThanOrEqual' || operator === 'GreaterThanOrEqual') {
      cond.numbers = values.map((v, i) => {
        if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) {
          diagnostics.push(diag('error', 'invalid-number', `${operator} compares numbers; ${JSON.stringify(v)} is not one.`, vpath(i)));
          return null;
        }
        return Number(v);
      });
    }
    if (variables.some((v) => v.name === 'RequestMethod') && (operator === 'Equal')) {
      values.forEach((v, i) => {
        if (!['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'].includes(v.toUpperCase())) {
          diagnostics.push(diag('warning', 'unsupported-method', `${JSON.stringify(v)} is not one of the supported method values (GET, HEAD, POST, OPTIONS, PUT, DELETE, PATCH).`, { ...vpath(i), source: CUSTOM_RULES_DOC }));
        }
      });
    }
    if (!policy.crs32OrNewer) {
      values.forEach((v, i) => {
        if (/["' ]/.test(v)) diagnostics.push(diag('warning', 'crs31-match-value', 'With CRS 3.1 or earlier, match values can\'t contain quotation marks (", \') or spaces.', { ...vpath(i), source: CUSTOM_RULES_DOC }));
      });
    }
    return ok ? cond : undefined;
  }

  function checkUnique(): void {
    const byPriority = new Map<number, CustomRule>();
    const byName = new Map<string, CustomRule>();
    for (const r of policy.rules) {
      if (r.priority !== Number.MAX_SAFE_INTEGER) {
        const other = byPriority.get(r.priority);
        if (other) diagnostics.push(diag('error', 'duplicate-priority', `"${r.name}" and "${other.name}" both have priority ${r.priority}; priorities must be unique across all custom rules.`, { ...at([...r.path, 'priority']), source: CUSTOM_RULES_DOC }));
        else byPriority.set(r.priority, r);
      }
      const o = byName.get(r.name);
      if (o) diagnostics.push(diag('error', 'duplicate-name', `Two custom rules are named "${r.name}"; names are unique within a policy.`, { ...at([...r.path, 'name']), source: REST_DOC }));
      else byName.set(r.name, r);
    }
  }
}

