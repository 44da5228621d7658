/**
 * Engine throughput on large inputs, through each tool's run() — the same call the
 * playground's worker makes, view building included (issue 8, "Performance budgets").
 * Run: npx vitest bench --run tests/bench/engines.bench.ts   (or `npm run bench` for everything)
 *
 * Inputs are generated deterministically (no randomness). Each is run once first and the
 * run's summary and error count printed, so a figure is never the time it takes to reject a
 * broken input: a large input that only produced a parse error would measure nothing.
 */
import { bench, describe } from 'vitest';
import type { ToolDefinition } from '../../src/components/tools/types';
import apiAccess from '../../src/components/tools/api-access';
import azScript from '../../src/components/tools/az-script';
import cidr from '../../src/components/tools/cidr';
import ingress from '../../src/components/tools/ingress';
import ipPlanner from '../../src/components/tools/ip-planner';
import netpol from '../../src/components/tools/netpol';
import nsg from '../../src/components/tools/nsg';
import service from '../../src/components/tools/service';
import waf from '../../src/components/tools/waf';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const APPS = ['web', 'api', 'db', 'cache', 'queue', 'worker', 'auth', 'search', 'mail', 'admin'];

// ---- generated inputs ------------------------------------------------------------------------

/** 200 ranges: 150 IPv4 (/16s, with every 10th a /20 inside an earlier one, so overlaps are found) and 50 IPv6 /48s. */
const cidrInputs = {
  ranges: [
    ...range(150).map((i) => (i % 10 === 9 ? `10.${i - 9}.${(i % 16) * 16}.0/20` : `10.${i}.0.0/16`)),
    ...range(50).map((i) => `fd00:${(i + 1).toString(16)}::/48`),
  ].join('\n'),
  split: '/24',
};

/** One plan with 200 other ranges to check for collisions (peered VNets, on-premises). */
const plannerInputs = {
  plan: [
    'plugin: azure',
    'vnetCidrs: [10.0.0.0/8]',
    'nodeSubnetCidr: 10.240.0.0/16',
    'nodeCount: 1000',
    'maxPods: 50',
    'maxSurge: 10',
    'serviceCidr: 172.16.0.0/16',
    'dnsServiceIp: 172.16.0.10',
    'otherCidrs:',
    ...range(200).map((i) => `  - {name: peer${i}, cidr: 192.168.${i}.0/24}`),
  ].join('\n'),
};

/** 200 az commands: 40 clusters, each with its VNet, pod subnet, subnet-id lookup, cluster and node pool. */
const azInputs = {
  script: range(40)
    .map((k) =>
      [
        `az network vnet create -g rg${k} -n vnet${k} \\\n  --address-prefixes 10.${k}.0.0/16 \\\n  --subnet-name nodes --subnet-prefixes 10.${k}.0.0/22`,
        `az network vnet subnet create -g rg${k} --vnet-name vnet${k} -n pods --address-prefixes 10.${k}.64.0/18`,
        `SUBNET_ID=$(az network vnet subnet show -g rg${k} --vnet-name vnet${k} -n nodes --query id -o tsv)`,
        `az aks create -g rg${k} -n aks${k} \\\n  --network-plugin azure --network-plugin-mode overlay \\\n  --vnet-subnet-id $SUBNET_ID \\\n  --pod-cidr 192.168.0.0/16 \\\n  --service-cidr 172.16.0.0/16 --dns-service-ip 172.16.0.10 \\\n  --node-count ${3 + (k % 20)}`,
        `az aks nodepool add -g rg${k} --cluster-name aks${k} -n pool${k} --node-count 5`,
      ].join('\n\n'),
    )
    .join('\n\n'),
};

/** A subnet and a NIC NSG of 300 rules each; the flow passes most rules before one decides. */
function nsgRules(prefix: string, n: number): object[] {
  const rules: object[] = range(n - 1).map((i) => ({
    name: `${prefix}-${i}`,
    priority: 100 + i * 10,
    direction: i % 5 === 4 ? 'Outbound' : 'Inbound',
    access: i % 3 === 0 ? 'Deny' : 'Allow',
    protocol: ['Tcp', 'Udp', '*'][i % 3],
    sourceAddressPrefix: ['Internet', '*', `198.51.${i % 256}.0/24`, 'VirtualNetwork'][i % 4],
    sourcePortRange: '*',
    destinationAddressPrefix: i % 2 ? '10.240.0.0/16' : '*',
    // Never port 443, so evaluation walks the whole list to the last rule.
    destinationPortRange: i % 4 === 0 ? `${1000 + i}-${1100 + i}` : `${2000 + i}`,
  }));
  rules.push({ name: `${prefix}-https`, priority: 100 + (n - 1) * 10, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '10.240.0.0/16', destinationPortRange: '443' });
  return rules;
}
const nsgInputs = {
  nsgs: JSON.stringify({ subnet: nsgRules('subnet', 300), nic: nsgRules('nic', 300) }, null, 2),
  flow: 'Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16',
};

/** 100 custom rules (the Application Gateway maximum) over a 64 KB form body; none matches, so all are evaluated. */
const wafInputs = {
  policy: JSON.stringify(
    {
      policySettings: { mode: 'Prevention', state: 'Enabled', requestBodyCheck: true },
      customRules: range(100).map((i) => ({
        name: `rule${i}`,
        priority: i + 1,
        ruleType: 'MatchRule',
        action: 'Block',
        matchConditions: [
          [
            { matchVariables: [{ variableName: 'RequestBody' }], operator: 'Contains', negationConditon: false, matchValues: [`needle${i}`, `other${i}`], transforms: ['Lowercase', 'UrlDecode'] },
            { matchVariables: [{ variableName: 'PostArgs', selector: `field${i % 50}` }], operator: 'Regex', negationConditon: false, matchValues: [`^evil[0-9]+${i}$`] },
            { matchVariables: [{ variableName: 'RequestHeaders', selector: 'User-Agent' }], operator: 'BeginsWith', negationConditon: false, matchValues: [`bot${i}`], transforms: ['Lowercase'] },
            { matchVariables: [{ variableName: 'RequestUri' }], operator: 'EndsWith', negationConditon: false, matchValues: [`.php${i}`] },
            { matchVariables: [{ variableName: 'RemoteAddr' }], operator: 'IPMatch', negationConditon: false, matchValues: [`198.51.100.${i}`, `192.0.2.0/${24 + (i % 8)}`] },
          ][i % 5],
        ],
      })),
      managedRules: { managedRuleSets: [{ ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' }] },
    },
    null,
    2,
  ),
  request: (() => {
    let body = '';
    for (let i = 0; body.length < 64 * 1024; i++) body += `${body ? '&' : ''}field${i % 50}=value%20${i}%2Bplus${'x'.repeat(20)}`;
    body = body.slice(0, 64 * 1024);
    return `# remoteAddr: 203.0.113.9\n# country: DE\nPOST /orders/new?id=42 HTTP/1.1\nHost: shop.example.com\nUser-Agent: Mozilla/5.0\nContent-Type: application/x-www-form-urlencoded\nContent-Length: ${body.length}\n\n${body}`;
  })(),
};

/** 500 pods (as Pods) and 200 Services selecting them by app and tier, with named and numbered target ports. */
function podsYaml(n: number): string[] {
  return range(n).map(
    (i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod${i}\n  namespace: ns${i % 10}\n  labels: {app: ${APPS[i % APPS.length]}, tier: t${i % 20}}\nspec:\n  nodeName: node${i % 10}\n  containers:\n  - name: c\n    image: img\n    ports:\n    - {name: http, containerPort: ${8080 + (i % 2)}}\n    - {name: metrics, containerPort: 9090}\nstatus:\n  podIP: 10.244.${Math.floor(i / 250)}.${i % 250}`,
  );
}
const serviceInputs = {
  manifests: [
    ...podsYaml(500),
    ...range(200).map(
      (i) =>
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc${i}\n  namespace: ns${i % 10}\nspec:\n  type: ${['ClusterIP', 'NodePort', 'LoadBalancer'][i % 3]}\n  selector:\n    app: ${APPS[i % APPS.length]}\n${i % 2 ? `    tier: t${i % 20}\n` : ''}  ports:\n  - name: http\n    port: 80\n    targetPort: ${i % 2 ? 'http' : 8080}\n  - name: metrics\n    port: 9090\n    targetPort: metrics`,
    ),
  ].join('\n---\n'),
};

/** 20 Ingresses of one class, 10 hosts × 1 rule each with 3 paths: 200 rules, 600 paths; the request matches the last. */
const ingressInputs = {
  manifests: range(20)
    .map(
      (k) =>
        `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing${k}\n  namespace: default\nspec:\n  ingressClassName: nginx\n  rules:\n` +
        range(10)
          .map(
            (j) =>
              `  - host: app${k * 10 + j}.example.com\n    http:\n      paths:\n` +
              ['/', '/api', '/static'].map((p, x) => `      - path: ${p}\n        pathType: ${x === 2 ? 'Exact' : 'Prefix'}\n        backend:\n          service:\n            name: svc${(k * 10 + j) % 50}\n            port:\n              number: ${80 + x}`).join('\n'),
          )
          .join('\n'),
    )
    .join('\n---\n'),
  request: 'https://app199.example.com/api/v1/items',
};

/** 200 NetworkPolicies over 500 pods in 10 namespaces, 20 queried connections and a 3-port matrix. */
const netpolInputs = {
  cluster: [...range(10).map((i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns${i}\n  labels: {team: t${i % 5}, env: ${i % 2 ? 'prod' : 'dev'}}`), ...podsYaml(500)].join('\n---\n'),
  policies: range(200)
    .map((i) => {
      const from = [
        `    - podSelector:\n        matchLabels: {app: ${APPS[(i + 1) % APPS.length]}}`,
        `    - namespaceSelector:\n        matchLabels: {team: t${i % 5}}`,
        `    - namespaceSelector:\n        matchLabels: {env: prod}\n      podSelector:\n        matchExpressions:\n        - {key: tier, operator: In, values: [t0, t1, t2]}`,
        `    - ipBlock:\n        cidr: 10.244.0.0/16\n        except: [10.244.1.0/24]`,
      ][i % 4];
      const port = ['    - port: 8080', '    - port: http', '    - port: 8000\n      endPort: 8100', '    - protocol: UDP\n      port: 53'][i % 4];
      return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: pol${i}\n  namespace: ns${i % 10}\nspec:\n  podSelector:\n    matchLabels: {app: ${APPS[i % APPS.length]}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n${from}\n    ports:\n${port}`;
    })
    .join('\n---\n'),
  query: [...range(20).map((i) => `ns${i % 10}/pod${i} -> ns${((i * 37) % 500) % 10}/pod${(i * 37) % 500}:8080`), 'ports: 8080, 9090, 53/UDP', 'engine: kubernetes'].join('\n'),
};

/** 200 authorized IP ranges (the AKS maximum), 50 peered ranges. */
const apiAccessInputs = {
  cluster: [
    'privateCluster: false',
    'authorizedIpRanges:',
    ...range(200).map((i) => `  - 20.${Math.floor(i / 50)}.${i % 50}.0/24`),
    'vnetCidrs: [10.224.0.0/12]',
    'peeredCidrs:',
    ...range(50).map((i) => `  - 172.${16 + (i % 16)}.${i}.0/24`),
    'outboundType: loadBalancer',
    'outboundIps: [20.62.10.5]',
  ].join('\n'),
  client: 'ip: 73.140.245.20\nvia: internet',
};

// ---- the benches -------------------------------------------------------------------------------

const CASES: [ToolDefinition, string, Record<string, string>][] = [
  [cidr, '200 CIDR ranges, split /24', cidrInputs],
  [ipPlanner, 'plan, 1,000 nodes, 200 other ranges', plannerInputs],
  [azScript, '200-command az script (40 clusters)', azInputs],
  [nsg, '300-rule subnet + 300-rule NIC NSG', nsgInputs],
  [waf, '100 custom rules, 64 KB form body', wafInputs],
  [service, '200 Services, 500 pods', serviceInputs],
  [ingress, '200 Ingress rules (600 paths)', ingressInputs],
  [netpol, '200 policies, 500 pods, 20 connections + 3-port matrix', netpolInputs],
  [apiAccess, '200 authorized ranges, 50 peered', apiAccessInputs],
];

const kb = (s: string) => `${(s.length / 1024).toFixed(0)} KB`;

// One timed run each, printed: the first-run time and proof that the input was read, not rejected.
for (const [tool, label, inputs] of CASES) {
  const size = Object.values(inputs).reduce((n, v) => n + v.length, 0);
  const t0 = performance.now();
  const out = tool.run(inputs);
  const ms = performance.now() - t0;
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  console.log(
    `${tool.id} — ${label} (${kb(' '.repeat(size))} input): ${ms.toFixed(0)} ms first run; ${out.diagnostics.length} diagnostics, ${errors.length} errors${errors[0] ? ` (first: ${errors[0].code})` : ''}; "${out.summary.slice(0, 90)}"`,
  );
}

describe('engines (tool run on large inputs)', () => {
  for (const [tool, label, inputs] of CASES) {
    bench(`${tool.id}: ${label}`, () => void tool.run(inputs), { iterations: 5, time: 0 });
  }
});
