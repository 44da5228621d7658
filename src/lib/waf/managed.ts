/**
 * A DEMONSTRATION of managed-rule anomaly scoring — not the real CRS/DRS rule set.
 *
 * It runs four simple checks written after upstream OWASP CRS rules (which Azure's CRS 3.2
 * is "based off"), plus any matches the reader asks it to assume (`# managedMatch:`), and
 * adds them up the way the docs describe:
 *   "Critical 5, Error 4, Warning 3, Notice 2" … "If the anomaly score is 5 or greater,
 *   and the WAF is in Prevention mode, the request is blocked … in Detection mode, the
 *   request is logged but not blocked."
 *   (learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules)
 * Upstream CRS v3.2.0 REQUEST-949-BLOCKING-EVALUATION rule 949110 compares with @ge, so 5
 * itself blocks. With OWASP CRS 3.1 and older, "CRS 3.1 and below will block matching
 * requests by default" (same page), which is modelled as "any counted match blocks".
 *
 * Severities are upstream CRS v3.2.0's; whether Azure keeps every one is not documented.
 */
import type { AssumedManagedMatch, WafRequest } from './request';
import { headerValue } from './request';
import type { Exclusion, PolicyModel } from './policy';
import { FACTS } from '../facts';

export const CRS_RULES_DOC = 'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules';
export const ANOMALY_THRESHOLD = FACTS['waf-anomaly-threshold'].value;
export const SEVERITY_POINTS: Record<string, number> = {
  Critical: FACTS['waf-severity-critical'].value,
  Error: FACTS['waf-severity-error'].value,
  Warning: FACTS['waf-severity-warning'].value,
  Notice: FACTS['waf-severity-notice'].value,
};

/** Upstream CRS v3.2.0 severities of rules the docs and the scoring examples mention. */
export const KNOWN_RULES: Record<string, { message: string; severity: string; group: string }> = {
  '920280': { message: 'Request Missing a Host Header', severity: 'Warning', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '920300': { message: 'Request Missing an Accept Header', severity: 'Notice', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '920311': { message: 'Request Has an Empty Accept Header', severity: 'Notice', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '920320': { message: 'Missing User Agent Header', severity: 'Notice', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '920330': { message: 'Empty User Agent Header', severity: 'Notice', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '920350': { message: 'Host header is a numeric IP address', severity: 'Warning', group: 'REQUEST-920-PROTOCOL-ENFORCEMENT' },
  '913100': { message: 'Found User-Agent associated with security scanner', severity: 'Critical', group: 'REQUEST-913-SCANNER-DETECTION' },
  '930100': { message: 'Path Traversal Attack (/../)', severity: 'Critical', group: 'REQUEST-930-APPLICATION-ATTACK-LFI' },
  '941100': { message: 'XSS Attack Detected via libinjection', severity: 'Critical', group: 'REQUEST-941-APPLICATION-ATTACK-XSS' },
  '942100': { message: 'SQL Injection Attack Detected via libinjection', severity: 'Critical', group: 'REQUEST-942-APPLICATION-ATTACK-SQLI' },
  '942130': { message: 'SQL Injection Attack: SQL Tautology Detected.', severity: 'Critical', group: 'REQUEST-942-APPLICATION-ATTACK-SQLI' },
};

/** A handful of entries of upstream CRS's scanners-user-agents.data (the real list is longer). */
const SCANNER_AGENTS = ['nikto', 'sqlmap', 'nessus', 'nmap', 'arachni', 'dirbuster', 'wpscan'];

interface DemoCheck {
  id: string;
  /** Header whose value the check reads (for exclusions), if any. */
  header?: string;
  run(req: WafRequest): string | undefined;
}

const DEMO_CHECKS: DemoCheck[] = [
  // SecRule &REQUEST_HEADERS:Host "@eq 0"
  { id: '920280', run: (r) => (headerValue(r.headers, 'Host') === undefined ? 'the request has no Host header' : undefined) },
  // SecRule REQUEST_HEADERS:Host "@rx ^[\d.:]+$"
  { id: '920350', header: 'Host', run: (r) => { const h = headerValue(r.headers, 'Host'); return h !== undefined && /^[\d.:]+$/.test(h) ? `Host is "${h}"` : undefined; } },
  // SecRule REQUEST_HEADERS:User-Agent "@rx ^$"
  { id: '920330', header: 'User-Agent', run: (r) => (headerValue(r.headers, 'User-Agent') === '' ? 'User-Agent is present but empty' : undefined) },
  // SecRule REQUEST_HEADERS:User-Agent "@pmFromFile scanners-user-agents.data"
  {
    id: '913100',
    header: 'User-Agent',
    run: (r) => {
      const ua = (headerValue(r.headers, 'User-Agent') ?? '').toLowerCase();
      const hit = SCANNER_AGENTS.find((s) => ua.includes(s));
      return hit ? `User-Agent contains "${hit}"` : undefined;
    },
  },
];

export interface ManagedMatch {
  ruleId: string;
  message: string;
  severity: string;
  points: number;
  source: 'demo check' | 'assumed';
  detail: string;
  /** Why the match does not count, if it does not. */
  skipped?: string;
  /** An override action other than anomaly scoring. */
  overrideAction?: string;
}

export interface ManagedOutcome {
  ruleSet: string;
  scoring: 'anomaly' | 'block-on-match';
  matches: ManagedMatch[];
  score: number;
  threshold: number;
  /** True when the managed stage would block (Prevention) or flag as Detected (Detection). */
  triggered: boolean;
  /** The rule that triggers: 949110 for anomaly scoring, or the matching rule's ID. */
  decidingRule?: string;
  explanation: string;
  problems: string[];
}

function selectorMatches(op: string, selector: string, name: string): boolean {
  const a = name.toLowerCase();
  const b = selector.toLowerCase(); // header selectors are case-insensitive in every CRS version
  switch (op.toLowerCase()) {
    case 'equals':
      return a === b;
    case 'contains':
      return a.includes(b);
    case 'startswith':
      return a.startsWith(b);
    case 'endswith':
      return a.endsWith(b);
    case 'equalsany':
      return true;
    default:
      return false;
  }
}

function exclusionCovers(e: Exclusion, ruleId: string, header: string | undefined): boolean {
  // Only header exclusions can apply to the demo checks, which read header values.
  const v = e.matchVariable.toLowerCase();
  if (!header || !(v === 'requestheadervalues' || v === 'requestheadernames')) return false;
  if (!selectorMatches(e.selectorMatchOperator, e.selector, header)) return false;
  if (e.scopes.length === 0) return true; // global exclusion
  const group = KNOWN_RULES[ruleId]?.group;
  return e.scopes.some((s) => s.groups.length === 0 || s.groups.some((g) => g.name === group && (g.ruleIds.length === 0 || g.ruleIds.includes(ruleId))));
}

/** Runs the demonstration for a request that no custom rule stopped. */
export function runManagedDemo(policy: PolicyModel, req: WafRequest, assumed: AssumedManagedMatch[]): ManagedOutcome | undefined {
  const managed = policy.managed;
  if (!managed) return undefined;
  const set = managed.ruleSets.find((s) => /^(owasp|microsoft_defaultruleset)$/i.test(s.type));
  const problems: string[] = [];
  if (!set) {
    return { ruleSet: managed.ruleSets.map((s) => `${s.type} ${s.version}`).join(', ') || 'none', scoring: 'anomaly', matches: [], score: 0, threshold: ANOMALY_THRESHOLD, triggered: false, explanation: 'No OWASP (CRS) or Microsoft_DefaultRuleSet (DRS) rule set is listed, so no anomaly scoring is shown.', problems };
  }
  const version = Number.parseFloat(set.version);
  const scoring: ManagedOutcome['scoring'] = set.type.toUpperCase() === 'OWASP' && version < 3.2 ? 'block-on-match' : 'anomaly';
  const matches: ManagedMatch[] = [];
  const seen = new Set<string>();
  for (const check of DEMO_CHECKS) {
    const detail = check.run(req);
    if (!detail) continue;
    const info = KNOWN_RULES[check.id]!;
    const m: ManagedMatch = { ruleId: check.id, message: info.message, severity: info.severity, points: SEVERITY_POINTS[info.severity]!, source: 'demo check', detail };
    const ex = managed.exclusions.find((e) => exclusionCovers(e, check.id, check.header));
    if (ex) m.skipped = `excluded by exclusion #${ex.index + 1} (${ex.matchVariable} ${ex.selectorMatchOperator} "${ex.selector}")`;
    matches.push(m);
    seen.add(check.id);
  }
  for (const a of assumed) {
    if (a.ruleId && seen.has(a.ruleId)) continue;
    const info = a.ruleId ? KNOWN_RULES[a.ruleId] : undefined;
    const severity = a.severity ?? info?.severity;
    if (!severity) {
      problems.push(`Rule ${a.ruleId} is not in this demo's table; write it as "${a.ruleId}:Critical" (or Error, Warning, Notice) to give its severity.`);
      continue;
    }
    if (a.ruleId) seen.add(a.ruleId);
    matches.push({ ruleId: a.ruleId ?? '—', message: info?.message ?? `a ${severity} rule`, severity, points: SEVERITY_POINTS[severity]!, source: 'assumed', detail: 'assumed by "# managedMatch:"' });
  }
  for (const m of matches) {
    const o = managed.overrides.find((x) => x.ruleId === m.ruleId);
    if (!o || m.skipped) continue;
    if (o.state === 'Disabled') m.skipped = `disabled by a rule override${o.action ? '' : ' (a listed override without state defaults to Disabled)'}`;
    else if (o.action && o.action !== 'AnomalyScoring') m.overrideAction = o.action;
  }
  const counted = matches.filter((m) => !m.skipped && !m.overrideAction);
  const score = counted.reduce((s, m) => s + m.points, 0);
  const blockOverride = matches.find((m) => !m.skipped && m.overrideAction === 'Block');
  let triggered = false;
  let decidingRule: string | undefined;
  let explanation: string;
  const sum = counted.length ? `${counted.map((m) => `${m.ruleId} ${m.severity} ${m.points}`).join(' + ')} = ${score}` : 'no counted match, score 0';
  if (blockOverride) {
    triggered = true;
    decidingRule = blockOverride.ruleId;
    explanation = `Rule ${blockOverride.ruleId} is overridden to action Block, so its match acts on its own (how this orders against the anomaly total is not documented).`;
  } else if (scoring === 'block-on-match') {
    triggered = counted.length > 0;
    decidingRule = counted[0]?.ruleId;
    explanation = triggered ? `${set.type} ${set.version} blocks matching requests by default (CRS 3.1 and below): rule ${decidingRule} matched.` : `${set.type} ${set.version}: no rule matched.`;
  } else {
    triggered = score >= ANOMALY_THRESHOLD;
    decidingRule = triggered ? '949110' : undefined;
    explanation = `Anomaly score: ${sum}; ${score} ${triggered ? '≥' : '<'} ${ANOMALY_THRESHOLD}, so ${triggered ? 'the mandatory rule 949110 "Inbound Anomaly Score Exceeded" fires' : 'the request is not blocked by the managed rules'}.`;
  }
  return { ruleSet: `${set.type} ${set.version}`, scoring, matches, score, threshold: ANOMALY_THRESHOLD, triggered, ...(decidingRule ? { decidingRule } : {}), explanation, problems };
}
