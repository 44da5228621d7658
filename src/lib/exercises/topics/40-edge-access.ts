/**
 * Edge and access exercises: NSGs, WAF and API server access. One object per exercise;
 * each checker runs the real engine on the learner's inputs and judges behaviour.
 */
import { evaluateWafRequest, type WafRequest } from '../../waf';
import { failOnError } from '../checks';
import { fail, pass, type Exercise } from '../types';

const wafPolicy = (mode: string, operator: string, value: string): string => `{
  "policySettings": { "mode": "${mode}", "state": "Enabled" },
  "customRules": [
    {
      "name": "blockAdmin",
      "priority": 10,
      "ruleType": "MatchRule",
      "action": "Block",
      "matchConditions": [
        {
          "matchVariables": [{ "variableName": "RequestUri" }],
          "operator": "${operator}",
          "negationConditon": false,
          "matchValues": ["${value}"]
        }
      ]
    }
  ]
}`;

const WAF_REQUEST = `# remoteAddr: 203.0.113.9
GET /admin/users HTTP/1.1
Host: shop.example.com
User-Agent: Mozilla/5.0
Accept: */*
`;

/** Test requests for the /admin exercise: what must be blocked, what must pass, from two clients. */
const ADMIN_CASES: { method: string; url: string; blocked: boolean }[] = [
  { method: 'GET', url: '/admin', blocked: true },
  { method: 'GET', url: '/admin/users', blocked: true },
  { method: 'POST', url: '/admin/login?next=%2Fadmin', blocked: true },
  { method: 'GET', url: '/', blocked: false },
  { method: 'GET', url: '/products?id=42', blocked: false },
  { method: 'POST', url: '/cart/checkout', blocked: false },
  // Decoy: /admin inside the query string is not the /admin path ("Contains /admin" is wrong).
  { method: 'GET', url: '/search?q=/admin', blocked: false },
];
const CLIENTS = ['203.0.113.9', '198.51.100.20'];

const exercises: Exercise[] = [
  {
    id: 'waf-block-admin-path',
    title: 'Block a path with a WAF custom rule',
    page: 'edge-access',
    task: 'The Application Gateway WAF in front of shop.example.com must block every request to /admin and the paths under it (/admin/users, /admin/login?…) from every client, while other paths (/, /products?id=42, /cart/checkout) still reach the app. Change the policy.',
    startNote: 'Two things are wrong on purpose: the policy is in Detection mode, which only logs what rules match, and the rule compares the whole request URI with Equal, so /admin/users does not match it.',
    tool: 'waf',
    start: { policy: wafPolicy('Detection', 'Equal', '/admin'), request: WAF_REQUEST },
    solution: { policy: wafPolicy('Prevention', 'BeginsWith', '/admin'), request: WAF_REQUEST },
    hints: [
      'Try /admin and /admin/users in the request pane and read the verdict: is anything actually blocked, and does the rule match both?',
      'In Detection mode a matching Block rule is only logged — policySettings.mode must be Prevention. RequestUri is the path plus the query string, so Equal "/admin" matches only that exact URI.',
      'Set "mode": "Prevention" and change the operator to BeginsWith (match value "/admin").',
    ],
    check(inputs) {
      const policy = inputs.policy ?? '';
      const wrong: string[] = [];
      let mode = '';
      let status = 403;
      for (const remoteAddr of CLIENTS) {
        for (const c of ADMIN_CASES) {
          const request: WafRequest = { method: c.method, url: c.url, headers: { Host: 'shop.example.com', 'User-Agent': 'Mozilla/5.0', Accept: '*/*' }, cookies: {}, body: '', remoteAddr };
          const r = evaluateWafRequest({ policy, request });
          const err = failOnError(r.diagnostics, 'policy');
          if (err) return err;
          mode = r.mode;
          const blocked = r.action === 'Block' && !r.challenged;
          if (blocked) status = r.statusCode ?? status;
          const what = `${c.method} ${c.url} from ${remoteAddr}`;
          if (c.blocked && !blocked) wrong.push(`${what} is not blocked: ${r.explanation}`);
          if (!c.blocked && r.action === 'Block') wrong.push(`${what} is blocked${r.decidedBy ? ` by ${r.decidedBy}` : ''}, but only /admin should be.`);
        }
      }
      if (mode !== 'Prevention' && wrong.length) return fail(`The policy is in ${mode} mode: matching rules are only logged, nothing is blocked.`, wrong);
      if (wrong.length) return fail(`${wrong.length} of ${ADMIN_CASES.length * CLIENTS.length} test requests are handled wrongly.`, wrong);
      return pass(`In Prevention mode the custom rule blocks /admin and everything under it with HTTP ${status}, from any client, and the other paths go through.`);
    },
  },
];

export default exercises;
