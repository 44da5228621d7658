import type { Diagnostic } from '../../lib/diagnostics';
import { queryText } from '../../lib/query-text';
import { h, type VNode } from '../../lib/view/h';
import { secondary } from '../views/secondary';
import { evaluateWafRequest, parseRawRequest, type EvaluatedRule, type WafResult } from '../../lib/waf';
import type { ToolDefinition } from './types';

const EXAMPLE_POLICY = `{
  "policySettings": { "mode": "Prevention", "state": "Enabled" },
  "customRules": [
    {
      "name": "allowPartner",
      "priority": 5,
      "ruleType": "MatchRule",
      "action": "Allow",
      "matchConditions": [
        {
          "matchVariables": [{ "variableName": "RemoteAddr" }],
          "operator": "IPMatch",
          "negationConditon": false,
          "matchValues": ["192.0.2.0/24"]
        }
      ]
    },
    {
      "name": "blockEvilBot",
      "priority": 10,
      "ruleType": "MatchRule",
      "action": "Block",
      "matchConditions": [
        {
          "matchVariables": [{ "variableName": "RequestHeaders", "selector": "User-Agent" }],
          "operator": "Contains",
          "negationConditon": false,
          "matchValues": ["evilbot"],
          "transforms": ["Lowercase"]
        }
      ]
    }
  ],
  "managedRules": {
    "managedRuleSets": [{ "ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1" }]
  }
}`;

const EXAMPLE_REQUEST = `# remoteAddr: 203.0.113.9
# country: DE
GET /products?id=42 HTTP/1.1
Host: shop.example.com
User-Agent: Mozilla/5.0 (compatible; EvilBot/2.1)
Accept: */*
`;

const ACTION_WORDS: Record<WafResult['action'], string> = {
  Allow: 'Allowed — forwarded to the backend, later rules skipped',
  Block: 'Blocked',
  Log: 'Logged — forwarded to the backend',
  None: 'No rule acted — forwarded to the backend',
};

const EFFECT_WORDS: Record<EvaluatedRule['effect'], string> = {
  decided: 'decided',
  logged: 'logged',
  counted: 'counted',
  'no-match': 'no match',
  'not-evaluated': 'not evaluated',
  disabled: 'disabled',
};

function verdict(r: WafResult): VNode {
  const bad = r.action === 'Block';
  const status = r.statusUndocumented ? 'status code not documented' : `HTTP ${r.statusCode ?? 403}`;
  const head = r.action === 'Block' ? `${ACTION_WORDS.Block}${r.challenged ? ' until the browser solves the JavaScript challenge' : ` (${status})`}` : ACTION_WORDS[r.action];
  return h(
    'div',
    null,
    r.verdict === 'unknown'
      ? h('p', { class: 'pg-verdict pg-warn' }, h('strong', null, 'Unknown: '), `${r.unresolved.join(', ')} might block the request; with the readable rules alone it would be ${r.action}`, ` (${r.mode} mode)`)
      : h('p', { class: `pg-verdict ${bad ? 'pg-deny' : 'pg-allow'}` }, h('strong', null, `${r.action}: `), head, r.decidedBy ? ` — by ${r.decidedBy}` : '', ` (${r.mode} mode)`),
    h('p', null, r.explanation),
  );
}

function rulesTable(rows: EvaluatedRule[]): VNode {
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, 'Rules in evaluation order (custom rules by priority, then the managed-rule demonstration)'),
    h('thead', null, h('tr', null, ...['Rule', 'Result', 'Action', 'Priority', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...rows.map((e) =>
        h(
          'tr',
          { class: e.effect === 'decided' ? 'pg-warn' : e.effect === 'not-evaluated' || e.effect === 'disabled' ? 'pg-muted' : null },
          h('th', { scope: 'row', class: 'pg-mono' }, e.rule),
          h('td', null, EFFECT_WORDS[e.effect]),
          h('td', null, e.action ?? '—'),
          h('td', null, e.priority !== undefined && e.priority !== Number.MAX_SAFE_INTEGER ? String(e.priority) : '—'),
          h(
            'td',
            null,
            e.why,
            e.conditions && e.conditions.length
              ? h('ul', null, ...e.conditions.map((c, i) => h('li', { class: 'pg-mono' }, `${c.matched ? '✔' : '✘'} condition ${i + 1}: ${c.why}`)))
              : null,
          ),
        ),
      ),
    ),
  );
}

function managedSection(r: WafResult): VNode | null {
  const m = r.managed;
  if (!m) return null;
  // Secondary on guide pages, unless the managed rules decided the request.
  const part = secondary(
    'managed-rules',
    `Managed rules (${m.ruleSet}): a demonstration, not the real rule set — score ${m.score}, threshold ${m.threshold}`,
    h(
      'p',
      { class: 'pg-muted' },
      'This is not Azure\'s CRS/DRS. It runs four simple checks written after upstream OWASP CRS rules (920280 missing Host, 920350 Host is an IP address, 920330 empty User-Agent, 913100 a few scanner User-Agents) plus the matches you assume with "# managedMatch:", and adds them up as the docs describe: Critical 5, Error 4, Warning 3, Notice 2; a total of 5 or more blocks in Prevention mode.',
    ),
    m.matches.length
      ? h(
          'table',
          { class: 'pg-table' },
          h('caption', null, 'Managed-rule matches in the demonstration'),
          h('thead', null, h('tr', null, ...['Rule', 'Message', 'Severity', 'Points', 'Source', 'Counted'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            null,
            ...m.matches.map((x) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row', class: 'pg-mono' }, x.ruleId),
                h('td', null, x.message),
                h('td', null, x.severity),
                h('td', null, String(x.points)),
                h('td', null, `${x.source}: ${x.detail}`),
                h('td', null, x.skipped ? `no — ${x.skipped}` : x.overrideAction ? `no — action overridden to ${x.overrideAction}` : 'yes'),
              ),
            ),
          ),
        )
      : null,
    h('p', null, m.explanation),
  );
  if (m.decidingRule) part.attrs.open = true;
  return part;
}

/** Places engine diagnostics about the request on the request pane's pseudo-header lines. */
function placeRequestDiag(d: Diagnostic, lines: Record<string, number>): Diagnostic {
  const key = d.field === 'request.remoteAddr' ? 'remoteAddr' : d.field === 'request.managedMatch' ? 'managedMatch' : undefined;
  const line = key ? (lines[key] ?? lines.requestLine ?? 1) : 1;
  return { ...d, input: 'request', line, column: 1 };
}

/** Pseudo-header lines of the request pane, spelt as parseRawRequest accepts them. */
const IP_LINE = /^\s*#\s*(?:remoteAddr|remote-addr|clientip)\s*:/i;
const COUNTRY_LINE = /^\s*#\s*(?:country|geo)\s*:/i;

/**
 * Runbook links: `method`, `url`, `ip` and `country` replace those parts of the request
 * pane and keep the rest (headers, body, other pseudo-headers). An absolute url
 * (https://shop.example.com/admin) puts its path in the request line and its host in the
 * Host header. Values are single-line and bounded, so they cannot add lines of their own.
 */
export function wafRequestFromQuery(params: URLSearchParams, current: string): Partial<Record<string, string>> {
  const method = queryText(params, 'method', { max: 32, noSpaces: true });
  const url = queryText(params, 'url', { noSpaces: true });
  const ip = queryText(params, 'ip', { max: 64, noSpaces: true });
  const country = queryText(params, 'country', { max: 16, noSpaces: true });
  if (method === undefined && url === undefined && ip === undefined && country === undefined) return {};
  const lines = current.replace(/\r\n?/g, '\n').split('\n');
  let at = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (at < 0) {
    // No request line yet: add one after the pseudo-headers.
    while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
    lines.push('GET / HTTP/1.1');
    at = lines.length - 1;
  }
  const setPseudo = (re: RegExp, text: string): void => {
    const i = lines.slice(0, at).findIndex((l) => re.test(l));
    if (i >= 0) lines[i] = text;
    else {
      lines.splice(0, 0, text);
      at++;
    }
  };
  if (ip !== undefined) setPseudo(IP_LINE, `# remoteAddr: ${ip}`);
  if (country !== undefined) setPseudo(COUNTRY_LINE, `# country: ${country}`);
  if (method !== undefined || url !== undefined) {
    const parts = lines[at]!.trim().split(/\s+/);
    let target = url ?? parts[1] ?? '/';
    let host: string | undefined;
    const abs = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(target);
    if (url !== undefined && abs) {
      host = abs[1];
      target = abs[2] === '' ? '/' : abs[2]!;
    }
    lines[at] = `${method || parts[0] || 'GET'} ${target} ${parts[2] ?? 'HTTP/1.1'}`;
    if (host) {
      let end = lines.findIndex((l, i) => i > at && l.trim() === '');
      if (end < 0) end = lines.length;
      const hi = lines.findIndex((l, i) => i > at && i < end && /^host\s*:/i.test(l));
      if (hi >= 0) lines[hi] = `Host: ${host}`;
      else lines.splice(at + 1, 0, `Host: ${host}`);
    }
  }
  return { request: lines.join('\n') };
}

const waf: ToolDefinition = {
  id: 'waf',
  title: 'Application Gateway WAF evaluator',
  description: 'Which WAF v2 custom rule decides an HTTP request — priority order, ANDed conditions, ORed values, negation, transforms, Detection vs Prevention — with a labelled demonstration of managed-rule anomaly scoring.',
  inputs: [
    {
      name: 'policy',
      label: 'WAF policy (JSON)',
      language: 'json',
      rows: 18,
      hint: 'Paste `az network application-gateway waf-policy show -o json`, the policy resource as REST prints it, an ARM template export holding it, or just { "customRules": [...] }. Add managedRules.managedRuleSets to see the anomaly-scoring demonstration.',
    },
    {
      name: 'request',
      label: 'HTTP request',
      language: 'plaintext',
      rows: 9,
      hint: 'Raw HTTP: request line, headers, empty line, body. Lines before the request line starting with # give what HTTP text cannot: "# remoteAddr: 203.0.113.9" (client address), "# country: DE" (its country, for GeoMatch), "# managedMatch: 942100, 920350:Warning" (managed-rule matches to assume).',
    },
  ],
  example: { policy: EXAMPLE_POLICY, request: EXAMPLE_REQUEST },
  fromQuery: (params, inputs) => wafRequestFromQuery(params, inputs.request ?? ''),
  queryParams: {
    method: 'The request method, e.g. method=POST.',
    url: 'The request target, e.g. url=/admin/users (encode a query string in it: url=%2Fsearch%3Fq%3D1); an absolute URL (url=https://shop.example.com/admin) also sets the Host header.',
    ip: 'The client address the gateway sees (RemoteAddr), e.g. ip=203.0.113.9.',
    country: 'The two-letter country/region of the client, for GeoMatch rules, e.g. country=DE.',
  },
  run(inputs) {
    const parsed = parseRawRequest(inputs.request ?? '');
    const r = evaluateWafRequest({ policy: inputs.policy ?? '', request: parsed.request, assumeManagedMatches: parsed.assumeManagedMatches });
    const diagnostics: Diagnostic[] = [
      ...r.diagnostics.map((d) => (d.field?.startsWith('request.') ? placeRequestDiag(d, parsed.lines) : { ...d, input: 'policy' })),
      ...parsed.diagnostics.map((d) => ({ ...d, input: 'request' })),
    ];
    const view = h(
      'div',
      null,
      verdict(r),
      r.evaluated.length ? rulesTable(r.evaluated) : h('p', { class: 'pg-muted' }, 'The policy has no custom rules to evaluate.'),
      r.logged.length ? h('p', null, `Written to the log by Log rules: ${r.logged.join(', ')}.`) : null,
      managedSection(r),
    );
    const summary = `${r.verdict === 'unknown' ? `Unknown (${r.unresolved.join(', ')} might block), otherwise ` : ''}${r.action}${r.decidedBy ? ` by ${r.decidedBy}` : ''} (${r.mode} mode)${r.action === 'Block' && !r.challenged ? `, ${r.statusUndocumented ? 'status code not documented' : `HTTP ${r.statusCode ?? 403}`}` : ''}`;
    return { view, diagnostics, summary };
  },
};

export default waf;
