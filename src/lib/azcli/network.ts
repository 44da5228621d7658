/** VNet and subnet commands: `az network vnet create`, `vnet subnet create|update|show|list`. */
import { COMMANDS } from './flags';
import { SOURCES } from '../ipam/sources';
import { containsCidr, formatCidr, overlaps, parseCidr } from '../cidr/ip';
import { literal, parseArgs, prefixesOf, requireFlags, valueOf } from './args';
import { add, AZ_DEFAULT_SUBNET_LENGTH, AZ_DEFAULT_VNET_PREFIX, key, type Ctx, type FlagUse, type Prefix, type VarValue, type VNet } from './context';
import type { Word } from './shell';

export function getVnet(ctx: Ctx, name: string, line: number): VNet {
  let v = ctx.vnets.get(key(name));
  if (!v) {
    v = { name, line, declared: false, prefixes: [], subnets: new Map() };
    ctx.vnets.set(key(name), v);
  }
  return v;
}

export function vnetCreate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): VarValue {
  requireFlags(ctx, flags, azWord, 'network vnet create', ['--name', '--resource-group']);
  const name = literal(ctx, valueOf(flags, '--name'), '--name');
  if (!name) return { kind: 'unknown' };
  const vnet = getVnet(ctx, name, azWord.line);
  vnet.declared = true;
  vnet.line = azWord.line;
  const given = flags.get('--address-prefixes');
  if (given) vnet.prefixes = prefixesOf(ctx, given.values, '--address-prefixes');
  else {
    const p = parseCidr(AZ_DEFAULT_VNET_PREFIX);
    if (p.ok) vnet.prefixes = [{ cidr: p.value, word: azWord }];
    add(ctx, 'info', 'default-value', `No --address-prefixes: az gives the VNet ${AZ_DEFAULT_VNET_PREFIX}.`, azWord);
  }
  const subnetName = literal(ctx, valueOf(flags, '--subnet-name'), '--subnet-name');
  if (subnetName) {
    const sp = flags.get('--subnet-prefixes');
    let prefixes: Prefix[];
    if (sp) prefixes = prefixesOf(ctx, sp.values, '--subnet-prefixes');
    else {
      // The new VNet is empty, so the block az reserves starts at its first address.
      const first = vnet.prefixes[0]?.cidr;
      const block = first && { family: first.family, network: first.network, prefix: Math.max(first.prefix, AZ_DEFAULT_SUBNET_LENGTH) };
      const word = flags.get('--subnet-name')!.flag;
      prefixes = block ? [{ cidr: { ...block, text: formatCidr(block) }, word }] : [];
      if (block) add(ctx, 'info', 'default-value', `No --subnet-prefixes: az reserves a /${AZ_DEFAULT_SUBNET_LENGTH} (or the whole VNet, if smaller) at the start of the VNet: subnet ${subnetName} gets ${formatCidr(block)}.`, word);
    }
    putSubnet(ctx, vnet, subnetName, prefixes, azWord.line);
    return { kind: 'subnet', vnet: vnet.name, subnet: subnetName };
  }
  return { kind: 'unknown' };
}

export function subnetCreateOrUpdate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word, update: boolean): VarValue {
  const cmd = update ? 'network vnet subnet update' : 'network vnet subnet create';
  requireFlags(ctx, flags, azWord, cmd, update ? ['--name', '--vnet-name'] : ['--name', '--vnet-name', '--resource-group', '--address-prefixes']);
  const vnetName = literal(ctx, valueOf(flags, '--vnet-name'), '--vnet-name');
  const name = literal(ctx, valueOf(flags, '--name'), '--name');
  if (!vnetName || !name) return { kind: 'unknown' };
  const vnet = getVnet(ctx, vnetName, azWord.line);
  if (!vnet.declared && !ctx.vnets.get(key(vnetName))?.subnets.size) {
    add(ctx, 'info', 'vnet-not-in-script', `VNet ${vnetName} is not created in this script, so its address space is unknown here.`, valueOf(flags, '--vnet-name')!.word);
  }
  const existing = vnet.subnets.get(key(name));
  const given = flags.get('--address-prefixes');
  if (update && !existing) {
    add(ctx, 'info', 'subnet-not-in-script', `Subnet ${name} is not created earlier in this script; the update is recorded as its only known state.`, valueOf(flags, '--name')!.word);
  }
  if (given) putSubnet(ctx, vnet, name, prefixesOf(ctx, given.values, '--address-prefixes'), azWord.line);
  else if (!existing) putSubnet(ctx, vnet, name, [], azWord.line);
  return { kind: 'subnet', vnet: vnet.name, subnet: name };
}

/** Records a subnet, checking it against its VNet and its siblings as Azure would. */
export function putSubnet(ctx: Ctx, vnet: VNet, name: string, prefixes: Prefix[], line: number): void {
  for (const p of prefixes) {
    const same = vnet.prefixes.filter((v) => v.cidr.family === p.cidr.family);
    if (vnet.declared && vnet.prefixes.length > 0 && !same.some((v) => containsCidr(v.cidr, p.cidr))) {
      add(ctx, 'error', 'subnet-outside-vnet', `Subnet ${name} ${formatCidr(p.cidr)} is not inside VNet ${vnet.name}'s address space (${vnet.prefixes.map((v) => formatCidr(v.cidr)).join(', ')}); Azure rejects it.`, p.word, { source: SOURCES.vnetFaq });
    }
    for (const sib of vnet.subnets.values()) {
      if (key(sib.name) === key(name)) continue;
      const clash = sib.prefixes.find((q) => overlaps(q.cidr, p.cidr));
      if (clash) add(ctx, 'error', 'subnet-overlap', `Subnet ${name} ${formatCidr(p.cidr)} overlaps subnet ${sib.name} ${formatCidr(clash.cidr)} in VNet ${vnet.name}; Azure rejects overlapping subnets.`, p.word, { source: SOURCES.vnetFaq });
    }
  }
  vnet.subnets.set(key(name), { name, vnet: vnet.name, line, prefixes });
}

export function readOnlySubnet(ctx: Ctx, name: string, args: Word[]): VarValue {
  const flags = parseArgs(ctx, args, COMMANDS['network vnet subnet create']!, `az ${name}`, true);
  const vnetName = literal(ctx, valueOf(flags, '--vnet-name'), '--vnet-name');
  if (!vnetName) return { kind: 'unknown' };
  if (name.endsWith('show')) {
    const sub = literal(ctx, valueOf(flags, '--name'), '--name');
    return sub ? { kind: 'subnet', vnet: vnetName, subnet: sub } : { kind: 'unknown' };
  }
  // `az network vnet subnet list --vnet-name V --query "[0].id"`: the first subnet
  const query = valueOf(flags, '--query')?.r.text ?? '';
  const first = ctx.vnets.get(key(vnetName))?.subnets.values().next().value;
  return /\[0\]/.test(query) && first ? { kind: 'subnet', vnet: vnetName, subnet: first.name } : { kind: 'unknown' };
}
