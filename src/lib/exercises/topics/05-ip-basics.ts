import { parseCidr, formatCidr, sizeOf, containsCidr, overlaps, type Cidr } from '../../cidr/ip';
import { fail, pass, type Exercise } from '../types';

function rangesOf(text: string): { ok: Cidr[]; bad: string[] } {
  const ok: Cidr[] = [];
  const bad: string[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const p = parseCidr(line);
    if (p.ok) ok.push(p.value);
    else bad.push(`${line}: ${p.reason}`);
  }
  return { ok, bad };
}

const exercises: Exercise[] = [
  {
    id: 'cidr-split-vnet',
    title: 'Carve four equal subnets out of a VNet',
    page: 'ip-planning',
    task: 'Your VNet is 10.20.0.0/22. List four subnets, one per line in the ranges pane, of equal size that together use the whole VNet and do not overlap.',
    startNote: 'The starting list is wrong on purpose: two ranges overlap and one lies outside the VNet.',
    tool: 'cidr',
    start: { ranges: '10.20.0.0/24\n10.20.0.0/23\n10.20.2.0/24\n10.20.4.0/24', split: '' },
    solution: { ranges: '10.20.0.0/24\n10.20.1.0/24\n10.20.2.0/24\n10.20.3.0/24', split: '' },
    hints: [
      'A /22 holds 2¹⁰ = 1,024 addresses; four equal parts hold 256 each. Which prefix has 256 addresses?',
      'Each subnet is a /24. Consecutive /24s step by 1 in the third number.',
      'Type /24 in the split pane with 10.20.0.0/22 as the only range: the calculator lists the four subnets.',
    ],
    check(inputs) {
      const vnet = parseCidr('10.20.0.0/22');
      if (!vnet.ok) return fail('internal: VNet range');
      const { ok, bad } = rangesOf(inputs.ranges ?? '');
      if (bad.length) return fail('Some lines are not valid CIDR ranges.', bad);
      if (ok.length !== 4) return fail(`There are ${ok.length} ranges; the task asks for exactly four.`);
      const outside = ok.filter((c) => !containsCidr(vnet.value, c)).map(formatCidr);
      if (outside.length) return fail('Every subnet must lie inside the VNet 10.20.0.0/22.', outside.map((c) => `${c} is outside the VNet`));
      for (let i = 0; i < ok.length; i++)
        for (let j = i + 1; j < ok.length; j++)
          if (overlaps(ok[i]!, ok[j]!)) return fail(`${formatCidr(ok[i]!)} and ${formatCidr(ok[j]!)} overlap; Azure rejects overlapping subnets.`);
      if (new Set(ok.map((c) => c.prefix)).size !== 1) return fail('The subnets are not all the same size.');
      const total = ok.reduce((s, c) => s + sizeOf(c), 0n);
      if (total !== sizeOf(vnet.value)) return fail(`Together the subnets hold ${total} addresses; the VNet has ${sizeOf(vnet.value)}.`);
      return pass('Four non-overlapping /24s fill the /22 exactly: 4 × 256 = 1,024 addresses, 251 usable in each subnet.');
    },
  },
];

export default exercises;
