/**
 * `az` script checker: reads a shell script of Azure CLI commands, models the VNets and
 * subnets it creates and every `az aks create` (and later `az aks update`) in it, and
 * runs each cluster through the IP planner. Findings land on the line and column of the
 * word they are about.
 *
 * Scripts come from articles and runbooks, so anything that is not a modelled `az`
 * command (prose, command output, `echo`, `kubectl` …) is skipped with an info
 * diagnostic, never an error. Variables assigned in the script (`RG=myrg`,
 * `SUBNET_ID=$(az network vnet subnet show …)`) are followed; others stay unresolved and
 * the checks that need them are skipped with a note.
 *
 * This file holds the public API and the dispatcher (`runAz`); the rest is split by concern:
 * context.ts (shared state), vars.ts (variables), args.ts (flags), network.ts (VNets and
 * subnets) and aks.ts (clusters and their plans).
 */
import { diag, guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { formatCidr } from '../cidr/ip';
import { LineIndex } from '../yaml';
import type { ClusterPlan, ClusterPlanInput } from '../ipam';
import { parseArgs, requireFlags } from './args';
import { aksCreate, aksUpdate, planState } from './aks';
import { add, clip, type Ctx, type VarValue } from './context';
import { COMMANDS } from './flags';
import { readOnlySubnet, subnetCreateOrUpdate, vnetCreate } from './network';
import { tokenizeShell, type ShellCommand, type Word } from './shell';
import { assign, isAssignment } from './vars';

export interface AzCluster {
  name: string;
  /** Line of the `az aks create`. */
  line: number;
  input: ClusterPlanInput;
  plan: ClusterPlan;
  resourceGroup?: string;
  /** The node subnet as "vnet/subnet", when resolved. */
  subnet?: string;
  /** Lines of later `az aks update` commands applied to this cluster. */
  updates: number[];
}

export interface AzVnet {
  name: string;
  line: number;
  prefixes: string[];
  subnets: { name: string; line: number; prefixes: string[] }[];
}

export interface AzScriptReport {
  clusters: AzCluster[];
  diagnostics: Diagnostic[];
  vnets: AzVnet[];
}


const MAX_TEXT = 1_000_000;

export interface AzScriptOptions {
  /** The date the script is read on, for retirement warnings; default: now. */
  today?: Date;
}

export function checkAzScript(text: string, options: AzScriptOptions = {}): AzScriptReport {
  return guard(
    () => check(text, options.today ?? new Date()),
    (d) => ({ clusters: [], diagnostics: [d], vnets: [] }),
  );
}

function check(raw: string, today: Date): AzScriptReport {
  if (typeof raw !== 'string') return { clusters: [], diagnostics: [diag('error', 'wrong-type', 'The script must be text.')], vnets: [] };
  if (raw.length > MAX_TEXT) {
    return { clusters: [], diagnostics: [diag('error', 'input-too-large', `The script is ${raw.length.toLocaleString('en-US')} characters; the checker reads at most ${MAX_TEXT.toLocaleString('en-US')}.`, { line: 1, column: 1 })], vnets: [] };
  }
  const index = new LineIndex(raw);
  const ctx: Ctx = { text: raw, index, diags: [], vars: new Map(), reportedVars: new Set(), vnets: new Map(), clusters: [], depth: 0, today, run: (words, sub) => runAz(ctx, words, sub) };
  const commands = tokenizeShell(raw, 0, raw.length, index);

  let skipped: { from: ShellCommand; to: ShellCommand } | undefined;
  const flushSkipped = () => {
    if (!skipped) return;
    const { from, to } = skipped;
    const first = from.words[0]!;
    const msg =
      from === to && from.line === from.endLine
        ? `Line ${from.line} is not an az command ("${clip(first.text)}"); skipped.`
        : `Lines ${from.line}–${to.endLine} are not az commands (prose or command output?); skipped.`;
    ctx.diags.push(diag('info', 'skipped-line', msg, { line: from.line, column: first.column, endLine: to.endLine, endColumn: to.words.at(-1)!.endColumn }));
    skipped = undefined;
  };

  for (const cmd of commands) {
    let words = cmd.words;
    if (words[0]?.text === '$' && words[1]?.text === 'az') words = words.slice(1); // "$ az …" copied with its prompt
    if (words[0]?.text === 'export' && words.length > 1) words = words.slice(1);
    let assigned = false;
    while (words.length > 0 && isAssignment(words[0]!)) {
      assign(ctx, words[0]!);
      words = words.slice(1);
      assigned = true;
    }
    if (words.length === 0) {
      if (assigned) flushSkipped();
      continue;
    }
    if (words[0]!.text === 'az') {
      flushSkipped();
      runAz(ctx, words, false);
      continue;
    }
    if (skipped && cmd.line <= skipped.to.endLine + 1) skipped.to = cmd;
    else {
      flushSkipped();
      skipped = { from: cmd, to: cmd };
    }
  }
  flushSkipped();

  for (const c of ctx.clusters) planState(ctx, c);

  return {
    clusters: ctx.clusters.flatMap((c) => (c.entry ? [c.entry] : [])),
    diagnostics: sortDiagnostics(ctx.diags),
    vnets: [...ctx.vnets.values()].map((v) => ({
      name: v.name,
      line: v.line,
      prefixes: v.prefixes.map((p) => formatCidr(p.cidr)),
      subnets: [...v.subnets.values()].map((s) => ({ name: s.name, line: s.line, prefixes: s.prefixes.map((p) => formatCidr(p.cidr)) })),
    })),
  };
}

const READ_ONLY = ['network vnet subnet show', 'network vnet subnet list'];

function runAz(ctx: Ctx, words: Word[], inSubstitution: boolean): VarValue {
  const path: string[] = [];
  for (const w of words.slice(1, 6)) {
    if (w.text.startsWith('-')) break;
    path.push(w.text);
  }
  let name = '';
  let depth = 0;
  for (let k = path.length; k > 0; k--) {
    const candidate = path.slice(0, k).join(' ');
    if (COMMANDS[candidate] || READ_ONLY.includes(candidate)) {
      name = candidate;
      depth = k;
      break;
    }
  }
  const args = words.slice(1 + depth);
  if (READ_ONLY.includes(name)) return readOnlySubnet(ctx, name, args);
  if (!name) {
    if (!inSubstitution) add(ctx, 'info', 'unmodelled-command', `"az ${clip(path.join(' '))}" is not modelled by this checker; skipped.`, words[0]!, { endColumn: (words[path.length] ?? words[0]!).endColumn });
    return { kind: 'unknown' };
  }
  const flags = parseArgs(ctx, args, COMMANDS[name]!, `az ${name}`);
  switch (name) {
    case 'group create':
      requireFlags(ctx, flags, words[0]!, name, ['--name']);
      return { kind: 'unknown' };
    case 'network vnet create':
      return vnetCreate(ctx, flags, words[0]!);
    case 'network vnet subnet create':
    case 'network vnet subnet update':
      return subnetCreateOrUpdate(ctx, flags, words[0]!, name.endsWith('update'));
    case 'aks create':
      aksCreate(ctx, flags, words[0]!);
      return { kind: 'unknown' };
    case 'aks update':
      aksUpdate(ctx, flags, words[0]!);
      return { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}
