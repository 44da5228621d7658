/**
 * Application Gateway WAF v2 evaluator: which custom rule (and, in a clearly labelled
 * demonstration, which managed-rule anomaly score) decides a request, and why.
 *
 * Order and actions (learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
 * and …/application-gateway-crs-rulegroups-rules):
 * - custom rules run first, lowest priority number first; disabled rules are skipped;
 * - conditions of a rule are ANDed, match values ORed;
 * - Allow: "skipping all other rules" (custom and managed); Block: evaluation stops and
 *   the request is blocked (403 unless customBlockResponseStatusCode); Log: written to
 *   the log, "lets the rest of the rules run";
 * - Detection mode: "if a custom rule is triggered, the action is always logged regardless
 *   of the action value" and for Block "evaluation stops";
 * - JSChallenge: without a valid challenge cookie the client gets the challenge page;
 *   "Requests that fail to compute the challenge are blocked" (waf-javascript-challenge);
 * - rate-limit rules count requests over a sliding window; a single request cannot show
 *   that, so they are explained, not simulated.
 */
import { diag, guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { parseIp } from '../cidr/ip';
import { describeCondition, evalCondition, type EvalContext } from './conditions';
import { runManagedDemo, type ManagedOutcome } from './managed';
import { readPolicy, type CustomRule, type Mode, type PolicyModel } from './policy';
import type { AssumedManagedMatch, WafRequest } from './request';
import { checkSize } from './size';

export type { WafRequest, AssumedManagedMatch } from './request';
export { parseRawRequest } from './request';
export type { ManagedOutcome, ManagedMatch } from './managed';
export { ANOMALY_THRESHOLD, SEVERITY_POINTS } from './managed';

export type WafAction = 'Allow' | 'Block' | 'Log' | 'None';

export interface EvaluatedRule {
  rule: string;
  matched: boolean;
  why: string;
  priority?: number;
  /** The rule's configured action (custom rules). */
  action?: string;
  /** What this rule did to the request. */
  effect: 'decided' | 'logged' | 'counted' | 'no-match' | 'not-evaluated' | 'disabled';
  /** One line per condition: whether it held and why. */
  conditions?: { matched: boolean; why: string }[];
}

export interface WafInput {
  /** JSON WAF policy with customRules as ARM or az prints it, plus policySettings.mode. */
  policy: string;
  request: WafRequest;
  /** Managed-rule matches to assume in the anomaly-scoring demonstration. */
  assumeManagedMatches?: AssumedManagedMatch[];
}

export interface WafResult {
  /**
   * Allow: forwarded by an Allow rule, later rules skipped. Block: not forwarded (a Block
   * rule or the managed rules in Prevention mode, or a JS challenge the client has not
   * passed). Log: logged and forwarded (a Log rule, or any triggered rule in Detection
   * mode). None: no rule acted; the request goes on to the backend.
   */
  action: WafAction;
  decidedBy?: string;
  evaluated: EvaluatedRule[];
  diagnostics: Diagnostic[];
  mode: Mode;
  /** HTTP status the client gets when blocked. */
  statusCode?: number;
  /** True when the docs do not say which status code the client gets (a request blocked for its size). */
  statusUndocumented?: boolean;
  /** True when the block is the JavaScript challenge page rather than a plain 403. */
  challenged?: boolean;
  /** Custom rules with action Log that matched (written to the log). */
  logged: string[];
  /** The managed-rule demonstration, when the policy lists managed rule sets and no custom rule stopped the request. */
  managed?: ManagedOutcome;
  /** The verdict in one or two sentences. */
  explanation: string;
  /**
   * `action`, or `unknown` when it is not Block and a part that could not be read or decided
   * might have blocked the request first: custom rules that cannot be read, a rule with an
   * unreadable field or an operator Application Gateway does not define, a GeoMatch condition
   * on a request written without a country. A Block stands: it is the stricter answer.
   */
  verdict: WafAction | 'unknown';
  /** The rules (or "the custom rules") that leave the verdict undecided. */
  unresolved: string[];
}

const JS_COOKIE = 'appgw_azwaf_jsclearance';

function emptyResult(diagnostics: Diagnostic[]): WafResult {
  return { action: 'None', evaluated: [], diagnostics, mode: 'Prevention', logged: [], explanation: 'The policy could not be evaluated.', verdict: 'unknown', unresolved: ['the policy'] };
}

export function evaluateWafRequest(input: WafInput): WafResult {
  return guard(() => evaluate(input), (d) => emptyResult([d]));
}

function evaluate(input: WafInput): WafResult {
  const { policy, diagnostics } = readPolicy(typeof input?.policy === 'string' ? input.policy : '');
  const req: WafRequest = {
    method: typeof input?.request?.method === 'string' ? input.request.method : 'GET',
    url: typeof input?.request?.url === 'string' ? input.request.url : '/',
    headers: input?.request?.headers ?? {},
    cookies: input?.request?.cookies ?? {},
    body: input?.request?.body ?? '',
    remoteAddr: typeof input?.request?.remoteAddr === 'string' ? input.request.remoteAddr.trim() : '',
    ...(input?.request?.country ? { country: String(input.request.country).toUpperCase() } : {}),
  };
  const result: WafResult = { action: 'None', evaluated: [], diagnostics, mode: policy.mode, logged: [], explanation: '', verdict: 'None', unresolved: [] };
  if (!policy.modeGiven) {
    diagnostics.push(
      diag('info', 'mode-defaulted', 'policySettings.mode is not set; Prevention is assumed. (A 2022 docs page says rule sets are "enabled by default in Detection mode"; the azurerm provider and PSRule say new policies default to Prevention.)', { line: 1, column: 1, field: 'policySettings.mode' }),
    );
  }
  if (!policy.enabled) {
    result.explanation = 'policySettings.state is Disabled: the WAF does not inspect requests, so every request is forwarded.';
    result.evaluated = policy.rules.map((r) => ({ rule: r.name, matched: false, why: 'Not evaluated: the policy is disabled.', priority: r.priority, action: r.action, effect: 'not-evaluated' }));
    result.diagnostics = sortDiagnostics(diagnostics);
    return result;
  }
  if (req.remoteAddr && !parseIp(req.remoteAddr).ok) {
    diagnostics.push(diag('error', 'invalid-remote-addr', `The remote address "${req.remoteAddr}" is not an IP address.`, { field: 'request.remoteAddr' }));
  }
  const size = checkSize(req, policy.size, policy.mode);
  diagnostics.push(...size.diagnostics);
  if (size.blockedBy) {
    result.action = 'Block';
    result.verdict = 'Block';
    result.decidedBy = size.blockedBy;
    result.statusUndocumented = true;
    result.explanation = size.explanation!;
    result.evaluated = policy.rules.map((r) => ({ rule: r.name, matched: false, why: `Not evaluated: the request was blocked for its size.`, priority: r.priority, action: r.action, effect: 'not-evaluated' }));
    result.diagnostics = sortDiagnostics(diagnostics);
    return result;
  }
  const ctx: EvalContext = { request: req, crs32OrNewer: policy.crs32OrNewer, notes: new Set() };
  const ordered = [...policy.rules].sort((a, b) => a.priority - b.priority);
  let decided: { action: WafAction; rule: CustomRule; challenged?: boolean } | undefined;
  const jsCleared = Object.keys(req.cookies ?? {}).includes(JS_COOKIE);

  for (const rule of ordered) {
    const base = { rule: rule.name, priority: rule.priority, action: rule.action };
    if (decided) {
      result.evaluated.push({ ...base, matched: false, why: `Not evaluated: "${decided.rule.name}" already decided the request.`, effect: 'not-evaluated' });
      continue;
    }
    if (!rule.enabled) {
      result.evaluated.push({ ...base, matched: false, why: 'Disabled (state: Disabled), so it is skipped.', effect: 'disabled' });
      continue;
    }
    const conds = rule.conditions.map((c) => evalCondition(c, ctx));
    const matched = conds.length > 0 && conds.every((c) => c.matched);
    const failed = conds.findIndex((c) => !c.matched);
    const condWhy = conds.length > 1 ? (matched ? `all ${conds.length} conditions hold (AND)` : `condition ${failed + 1} of ${conds.length} does not hold, so the rule does not match (conditions are ANDed)`) : matched ? 'its condition holds' : 'its condition does not hold';
    const entry: EvaluatedRule = { ...base, matched, why: '', effect: matched ? 'decided' : 'no-match', conditions: conds.map((c) => ({ matched: c.matched, why: c.why })) };
    result.evaluated.push(entry);
    if (!matched) {
      entry.why = `No match: ${condWhy}.`;
      continue;
    }
    if (rule.ruleType === 'RateLimitRule') {
      const rl = rule.rateLimit!;
      const window = rl.duration === 'FiveMins' ? '5 minutes' : '1 minute';
      const group = rl.groupBy.length ? rl.groupBy.join(' + ') : 'ClientAddr (the default)';
      entry.effect = 'counted';
      entry.why = `Matches, so this request counts toward the rate limit: ${rl.threshold ?? '?'} requests per ${window}, grouped by ${group}. Only requests over the threshold get "${rule.action}" — a single request cannot show that, so this tool does not simulate it and evaluation continues.`;
      continue;
    }
    if (rule.action === 'Log') {
      entry.effect = 'logged';
      entry.why = `Matches: ${condWhy}. Action Log writes it to the log and lets the rest of the rules run.`;
      result.logged.push(rule.name);
      continue;
    }
    if (policy.mode === 'Detection') {
      entry.why = `Matches: ${condWhy}. In Detection mode a triggered custom rule is only logged, whatever its action (${rule.action}); evaluation stops and the request is forwarded.`;
      decided = { action: 'Log', rule };
      continue;
    }
    if (rule.action === 'JSChallenge') {
      if (jsCleared) {
        entry.effect = 'logged';
        entry.why = `Matches: ${condWhy}. The request carries the ${JS_COOKIE} cookie, which this tool takes as a passed challenge (it cannot check the token), so the remaining rules run.`;
        continue;
      }
      entry.why = `Matches: ${condWhy}. Action JSChallenge: the client gets the JavaScript challenge page instead of the backend; only after its browser solves it (and gets the ${JS_COOKIE} cookie) do the remaining rules run.`;
      decided = { action: 'Block', rule, challenged: true };
      continue;
    }
    entry.why = rule.action === 'Allow'
      ? `Matches: ${condWhy}. Action Allow sends the request to the backend and skips every later custom and managed rule.`
      : `Matches: ${condWhy}. Action Block stops evaluation and blocks the request (HTTP ${policy.blockStatusCode}).`;
    decided = { action: rule.action === 'Allow' ? 'Allow' : 'Block', rule };
  }

  for (const note of ctx.notes) {
    if (note === 'geo:no-country') {
      diagnostics.push(diag('warning', 'geomatch-no-country', 'A GeoMatch condition met a request with no country. Azure looks up the country of the client address (RemoteAddr) for every request, so a real request always has one to compare; without it this tool cannot tell whether the condition holds — negated, it would otherwise match every such request. Add a line "# country: XX" to the request.', { field: 'request.country', source: 'https://learn.microsoft.com/azure/web-application-firewall/ag/geomatch-custom-rules' }));
      continue;
    }
    if (note.startsWith('remote-addr:') && !diagnostics.some((d) => d.code === 'invalid-remote-addr')) {
      diagnostics.push(diag('error', 'invalid-remote-addr', `The remote address is not usable: ${note.slice('remote-addr:'.length)}.`, { field: 'request.remoteAddr' }));
    }
  }

  if (decided) {
    result.action = decided.action;
    result.decidedBy = decided.rule.name;
    if (decided.action === 'Block') result.statusCode = policy.blockStatusCode;
    if (decided.challenged) result.challenged = true;
    result.explanation =
      policy.mode === 'Detection'
        ? `Custom rule "${decided.rule.name}" (priority ${decided.rule.priority}, action ${decided.rule.action}) matched; in Detection mode it is logged and the request is forwarded.`
        : decided.challenged
          ? `Custom rule "${decided.rule.name}" (priority ${decided.rule.priority}) sends the JavaScript challenge; the request reaches the backend only after the browser solves it.`
          : decided.action === 'Allow'
            ? `Custom rule "${decided.rule.name}" (priority ${decided.rule.priority}) allows the request; no later custom or managed rule runs.`
            : `Custom rule "${decided.rule.name}" (priority ${decided.rule.priority}) blocks the request with HTTP ${policy.blockStatusCode}.`;
  } else {
    const managed = runManagedDemo(policy, req, input?.assumeManagedMatches ?? []);
    if (managed) {
      result.managed = managed;
      for (const p of managed.problems) diagnostics.push(diag('warning', 'unknown-managed-rule', p, { field: 'request.managedMatch' }));
      for (const m of managed.matches) {
        result.evaluated.push({
          rule: `${m.ruleId} ${m.message} (managed demo)`,
          matched: true,
          why: `${m.detail}; severity ${m.severity} = ${m.points} points${m.skipped ? `, but ${m.skipped}` : m.overrideAction ? `, overridden to action ${m.overrideAction}` : ''}.`,
          action: m.overrideAction ?? 'AnomalyScoring',
          effect: m.skipped ? 'no-match' : 'counted',
        });
      }
      if (managed.scoring === 'anomaly') {
        result.evaluated.push({ rule: '949110 Inbound Anomaly Score Exceeded (managed demo)', matched: managed.triggered, why: managed.explanation, action: 'Block', effect: managed.triggered ? 'decided' : 'no-match' });
      }
    }
    if (managed?.triggered) {
      result.decidedBy = managed.decidingRule === '949110' ? '949110 Inbound Anomaly Score Exceeded (managed demo)' : `${managed.decidingRule} (managed demo)`;
      if (policy.mode === 'Prevention') {
        result.action = 'Block';
        result.statusCode = policy.blockStatusCode;
        result.explanation = `No custom rule stopped the request; in the managed-rule demonstration ${managed.explanation} In Prevention mode the request is blocked (HTTP ${policy.blockStatusCode}).`;
      } else {
        result.action = 'Log';
        result.explanation = `No custom rule stopped the request; in the managed-rule demonstration ${managed.explanation} In Detection mode the request is logged as Detected and forwarded.`;
      }
    } else if (result.logged.length) {
      result.action = 'Log';
      result.decidedBy = result.logged[0];
      result.explanation = `Only Log rules matched (${result.logged.join(', ')}): the request is logged and goes on${managed ? ' past the managed rules' : ' to the managed rules'}.`;
    } else {
      result.explanation = managed
        ? `No custom rule matched, and the managed-rule demonstration does not block (${managed.explanation})`
        : 'No custom rule matched. The managed rule sets would evaluate the request next; this policy lists none, so they are not simulated.';
    }
  }
  settleVerdict(result, policy, ordered, ctx, decided?.rule);
  result.diagnostics = sortDiagnostics(diagnostics);
  return result;
}

/**
 * Fail closed: the verdict is `unknown` (not the forwarded request `action` says) when a rule
 * that could block might have matched before the deciding rule, but could not be read or decided.
 */
function settleVerdict(result: WafResult, policy: PolicyModel, ordered: CustomRule[], ctx: EvalContext, decidedBy: CustomRule | undefined): void {
  result.verdict = result.action;
  if (result.action === 'Block') return;
  const unresolved: string[] = policy.rulesUnreadable ? ['the custom rules, which could not be read'] : [];
  // A deciding rule whose priority could not be read might run after rules that block.
  const deciderUnplaced = !!decidedBy?.unreadable?.includes('priority');
  for (const rule of ordered) {
    const u = rule.unreadable ?? [];
    if (rule === decidedBy) continue;
    if (!rule.enabled && !u.includes('state')) continue;
    if (policy.mode === 'Detection') continue; // nothing is blocked in Detection mode
    if (rule.ruleType === 'RateLimitRule' && !u.includes('ruleType')) continue; // explained, not simulated
    if (!(rule.action === 'Block' || rule.action === 'JSChallenge' || u.includes('action'))) continue;
    const before = !decidedBy || deciderUnplaced || u.includes('priority') || rule.priority < decidedBy.priority;
    if (!before) continue;
    const conds = rule.conditions.map((c) => ({ c, r: evalCondition(c, ctx) }));
    const open = conds.filter(({ c, r }) => c.invalid || r.unknown);
    const couldMatch = u.includes('conditions') || (conds.length > 0 && conds.every(({ c, r }) => r.matched || c.invalid || r.unknown));
    if (couldMatch && (open.length || u.length || deciderUnplaced)) unresolved.push(`rule "${rule.name}"`);
  }
  if (!unresolved.length) return;
  result.verdict = 'unknown';
  result.unresolved = unresolved;
  result.explanation = `Unknown: ${result.explanation} But ${unresolved.join(', ')} might block it first: ${policy.rulesUnreadable ? 'the rules could not be read' : 'a condition or field could not be read or decided (see the findings)'}.`;
  result.diagnostics.push(diag('warning', 'waf-verdict-unknown', `The request passes only if ${unresolved.join(', ')} does not block it; the verdict is "unknown", not ${result.action}.`, { line: 1, column: 1 }));
}

export { describeCondition };
