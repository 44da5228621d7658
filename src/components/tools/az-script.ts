/**
 * az script checker playground: paste a script of az commands (from an article or a
 * runbook); see each cluster's IP plan and every finding on its line.
 */
import { checkAzScript } from '../../lib/azcli';
import { PLUGIN_NAMES } from '../../lib/ipam';
import { h, type VNode } from '../../lib/view/h';
import { addressDiagrams, planVerdict, sizingTable, valuesUsed } from '../views/ipam-plan';
import { count, noun } from '../../lib/plural';
import type { ToolDefinition } from './types';

const azScript: ToolDefinition = {
  id: 'az-script',
  title: 'az script checker',
  description: 'Reads a shell script of az commands, follows the VNets and subnets it creates, and checks every az aks create against the AKS IP planning rules.',
  inputs: [
    {
      name: 'script',
      label: 'Script (bash)',
      language: 'shell',
      rows: 16,
      hint: 'Paste az commands as they are; prose and other commands between them are skipped. Variables set in the script are followed.',
    },
  ],
  example: {
    script: `az network vnet create -g myResourceGroup -n myVnet \\
  --address-prefixes 10.1.0.0/16 \\
  --subnet-name nodes --subnet-prefixes 10.1.0.0/24

SUBNET_ID=$(az network vnet subnet show -g myResourceGroup --vnet-name myVnet -n nodes --query id -o tsv)

az aks create -g myResourceGroup -n myCluster \\
  --network-plugin azure --network-plugin-mode overlay \\
  --vnet-subnet-id $SUBNET_ID \\
  --pod-cidr 192.168.0.0/16 \\
  --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10 \\
  --node-count 3
`,
  },
  run(inputs) {
    const report = checkAzScript(inputs.script ?? '');
    const diagnostics = report.diagnostics.map((d) => ({ ...d, input: 'script' }));
    const sections: VNode[] = report.clusters.map((c) =>
      h(
        'section',
        null,
        h('h4', null, `${c.name} (line ${c.line}) — ${PLUGIN_NAMES[c.plan.effective.plugin]}`),
        h(
          'p',
          null,
          c.subnet ? `Node subnet ${c.subnet} (${c.input.nodeSubnetCidr}) in VNet ${c.input.vnetCidrs.join(', ')}.` : 'Node subnet not known from the script.',
          c.updates.length ? ` Updated on ${noun(c.updates.length, 'line')} ${c.updates.join(', ')}.` : '',
        ),
        planVerdict(c.plan, undefined, 'this cluster’s plan'),
        sizingTable(c.plan, `${c.name}: addresses each range must hold`),
        ...addressDiagrams(c.plan),
        valuesUsed(c.plan),
      ),
    );
    const view = h(
      'div',
      null,
      report.clusters.length === 0 ? h('p', { class: 'pg-muted' }, 'No az aks create in this script.') : null,
      report.vnets.length
        ? h('p', null, 'VNets in the script: ', report.vnets.map((v) => `${v.name} ${v.prefixes.join(', ') || '(address space unknown)'}: ${v.subnets.map((s) => `${s.name} ${s.prefixes.join(', ')}`).join('; ') || 'no subnets'}`).join(' · '))
        : null,
      ...sections,
    );
    // Errors and warnings are counted once, by the playground's headline and Findings.
    const summary = report.clusters.length ? `${count(report.clusters.length, 'cluster')} checked: ${report.clusters.map((c) => c.name).join(', ')}.` : 'No az aks create in this script.';
    return { view, diagnostics, summary };
  },
};

export default azScript;
