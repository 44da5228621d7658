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
 */
import { diag, guard, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics';
import { containsCidr, formatCidr, overlaps, parseCidr, type Cidr } from '../cidr/ip';
import { LineIndex } from '../yaml';
import { planCluster, type ClusterPlan, type ClusterPlanInput, type Plugin } from '../ipam';
import { SOURCES } from '../ipam/sources';
import { COMMANDS, flagIndex, type FlagSpec } from './flags';
import { tokenizeShell, type ShellCommand, type Word } from './shell';
import { FACTS, retirementNotice } from '../facts';

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
const MAX_SUBST_DEPTH = 3;
const AZ_DEFAULT_VNET_PREFIX = '10.0.0.0/16';
const AZ_DEFAULT_SUBNET_PREFIX = '10.0.0.0/24';
const AZ_DEFAULT_NODE_COUNT = 3;
const OUTBOUND_TYPES: readonly string[] = FACTS['outbound-types'].value;

type VarValue = { kind: 'text'; text: string } | { kind: 'subnet'; vnet: string; subnet: string } | { kind: 'unknown' };

interface Resolved {
  text: string;
  /** Names of variables / substitutions whose value the script doesn't give. */
  unresolved: string[];
  subnet?: { vnet: string; subnet: string };
}

interface Value {
  word: Word;
  r: Resolved;
}

interface FlagUse {
  flag: Word;
  values: Value[];
}

interface Prefix {
  cidr: Cidr;
  word: Word;
}

interface Subnet {
  name: string;
  vnet: string;
  line: number;
  prefixes: Prefix[];
}

interface VNet {
  name: string;
  line: number;
  /** False when the script uses the VNet without creating it. */
  declared: boolean;
  prefixes: Prefix[];
  subnets: Map<string, Subnet>;
}

interface ClusterState {
  name: string;
  rg?: string;
  azWord: Word;
  flags: Map<string, FlagUse>;
  updates: number[];
  entry?: AzCluster;
}

interface Ctx {
  text: string;
  index: LineIndex;
  diags: Diagnostic[];
  vars: Map<string, VarValue>;
  reportedVars: Set<string>;
  vnets: Map<string, VNet>;
  clusters: ClusterState[];
  depth: number;
  /** The date the script is read on, for retirement warnings. */
  today: Date;
}

const key = (s: string) => s.toLowerCase();
const at = (w: Word) => ({ line: w.line, column: w.column, endLine: w.endLine, endColumn: w.endColumn });

function add(ctx: Ctx, severity: Severity, code: string, message: string, w: Word, extra: Partial<Diagnostic> = {}): void {
  ctx.diags.push(diag(severity, code, message, { ...at(w), ...extra }));
}

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
  const ctx: Ctx = { text: raw, index, diags: [], vars: new Map(), reportedVars: new Set(), vnets: new Map(), clusters: [], depth: 0, today };
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

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function isAssignment(w: Word): boolean {
  const first = w.parts[0];
  return first?.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text);
}

function assign(ctx: Ctx, w: Word): void {
  const first = w.parts[0] as { kind: 'lit'; text: string };
  const eq = first.text.indexOf('=');
  const name = first.text.slice(0, eq);
  const rest = first.text.slice(eq + 1);
  const valueWord: Word = { ...w, parts: [...(rest ? [{ kind: 'lit' as const, text: rest }] : []), ...w.parts.slice(1)] };
  const r = resolve(ctx, valueWord);
  if (r.subnet) ctx.vars.set(name, { kind: 'subnet', ...r.subnet });
  else if (r.unresolved.length === 0) ctx.vars.set(name, { kind: 'text', text: r.text });
  else ctx.vars.set(name, { kind: 'unknown' });
}

/** The word's value with the script's variables filled in; `$(az …)` is run through the model. */
function resolve(ctx: Ctx, w: Word): Resolved {
  let text = '';
  const unresolved: string[] = [];
  let subnet: Resolved['subnet'];
  for (const p of w.parts) {
    if (p.kind === 'lit') text += p.text;
    else if (p.kind === 'var') {
      const v = ctx.vars.get(p.name);
      if (v?.kind === 'text') text += v.text;
      else {
        text += p.raw;
        if (v?.kind === 'subnet' && w.parts.length === 1) subnet = { vnet: v.vnet, subnet: v.subnet };
        else {
          unresolved.push(`$${p.name}`);
          if (!v && !ctx.reportedVars.has(p.name)) {
            ctx.reportedVars.add(p.name);
            add(ctx, 'info', 'unresolved-variable', `$${p.name} is not set in this script, so the checker can't see its value; checks that need it are skipped.`, w);
          }
        }
      }
    } else {
      const v = substitute(ctx, p.start, p.end);
      text += p.raw;
      if (v.kind === 'subnet' && w.parts.length === 1) subnet = { vnet: v.vnet, subnet: v.subnet };
      else if (v.kind === 'text') text = text.slice(0, text.length - p.raw.length) + v.text;
      else unresolved.push(p.raw);
    }
  }
  if (!subnet) {
    const m = /\/virtualNetworks\/([^/\s]+)\/subnets\/([^/\s]+)\s*$/i.exec(text);
    if (m && !m[1]!.includes('$') && !m[2]!.includes('$')) subnet = { vnet: m[1]!, subnet: m[2]! };
  }
  return { text, unresolved, ...(subnet ? { subnet } : {}) };
}

/** Runs the command inside `$(…)`: a modelled az command yields its resource. */
function substitute(ctx: Ctx, start: number, end: number): VarValue {
  if (ctx.depth >= MAX_SUBST_DEPTH) return { kind: 'unknown' };
  const cmds = tokenizeShell(ctx.text, start, end, ctx.index);
  const words = cmds[0]?.words;
  if (!words || words[0]?.text !== 'az') return { kind: 'unknown' };
  ctx.depth++;
  try {
    return runAz(ctx, words, true);
  } finally {
    ctx.depth--;
  }
}

/** The command path after `az`: the longest modelled (or read-only) command it starts with. */
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

function isFlagWord(w: Word): boolean {
  return w.parts[0]?.kind === 'lit' && /^-{1,2}[A-Za-z]/.test(w.text);
}

function parseArgs(ctx: Ctx, args: Word[], specs: FlagSpec[], command: string, quiet = false): Map<string, FlagUse> {
  const index = flagIndex(specs);
  const out = new Map<string, FlagUse>();
  let i = 0;
  while (i < args.length) {
    const w = args[i]!;
    if (!isFlagWord(w)) {
      if (!quiet) add(ctx, 'warning', 'unexpected-argument', `"${clip(w.text)}" is not a flag or a flag's value; ${command} would reject it.`, w);
      i++;
      continue;
    }
    const eq = w.text.indexOf('=');
    const flagName = eq > 0 ? w.text.slice(0, eq) : w.text;
    const spec = index.get(flagName);
    i++;
    const values: Value[] = [];
    if (eq > 0) {
      const inline = splitInline(w, eq);
      values.push({ word: inline, r: resolve(ctx, inline) });
    }
    if (!spec) {
      if (!quiet) add(ctx, 'warning', 'unknown-flag', `${flagName} is not a flag of ${command} that this checker knows; it is ignored here. Check it against the az reference.`, w);
      while (i < args.length && !isFlagWord(args[i]!)) i++;
      continue;
    }
    if (spec.arity !== 0) {
      while (i < args.length && !isFlagWord(args[i]!) && (spec.arity === 'many' || values.length === 0)) {
        values.push({ word: args[i]!, r: resolve(ctx, args[i]!) });
        i++;
      }
      if (values.length === 0) {
        if (!quiet) add(ctx, 'error', 'missing-value', `${flagName} needs a value.`, w);
        continue;
      }
    }
    const canonical = spec.names[0]!;
    if (out.has(canonical) && !quiet) add(ctx, 'warning', 'duplicate-flag', `${flagName} is given more than once; az uses the last one.`, w);
    out.set(canonical, { flag: w, values });
  }
  return out;
}

/** The value half of `--flag=value`, positioned after the `=`. */
function splitInline(w: Word, eq: number): Word {
  const first = w.parts[0] as { kind: 'lit'; text: string };
  const rest = first.text.slice(eq + 1);
  return {
    ...w,
    parts: [...(rest ? [{ kind: 'lit' as const, text: rest }] : []), ...w.parts.slice(1)],
    text: w.text.slice(eq + 1),
    start: w.start + eq + 1,
    column: w.column + eq + 1,
  };
}

const valueOf = (flags: Map<string, FlagUse>, name: string): Value | undefined => flags.get(name)?.values[0];

function requireFlags(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word, command: string, names: string[]): void {
  for (const n of names) if (!flags.has(n)) add(ctx, 'error', 'missing-flag', `az ${command} needs ${n}.`, azWord);
}

/** A literal value, or undefined with a note when it depends on something the script doesn't set. */
function literal(ctx: Ctx, v: Value | undefined, what: string): string | undefined {
  if (!v) return undefined;
  if (v.r.unresolved.length > 0) {
    add(ctx, 'info', 'unresolved-value', `${what} uses ${v.r.unresolved.join(', ')}, whose value this script doesn't give; the checks that need it are skipped.`, v.word);
    return undefined;
  }
  return v.r.text.trim();
}

function prefixesOf(ctx: Ctx, values: Value[], what: string): Prefix[] {
  const out: Prefix[] = [];
  for (const v of values) {
    for (const piece of splitList(ctx, v, what)) {
      const p = parseCidr(piece.text);
      if (p.ok) out.push({ cidr: p.value, word: piece.word });
      else add(ctx, 'error', 'invalid-cidr', `${what}: ${p.reason}.`, piece.word);
    }
  }
  return out;
}

/** Splits a comma/space separated value into pieces, each with its own position when literal. */
function splitList(ctx: Ctx, v: Value, what: string): { text: string; word: Word }[] {
  const text = literal(ctx, v, what);
  if (text === undefined) return [];
  const pieces: { text: string; word: Word }[] = [];
  const simple = v.word.parts.length === 1 && v.word.line === v.word.endLine && v.word.text === text;
  const re = /[^,\s]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const word = simple ? { ...v.word, column: v.word.column + m.index, endColumn: v.word.column + m.index + m[0].length, text: m[0] } : v.word;
    pieces.push({ text: m[0], word });
  }
  return pieces;
}

function getVnet(ctx: Ctx, name: string, line: number): VNet {
  let v = ctx.vnets.get(key(name));
  if (!v) {
    v = { name, line, declared: false, prefixes: [], subnets: new Map() };
    ctx.vnets.set(key(name), v);
  }
  return v;
}

function vnetCreate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): VarValue {
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
      const p = parseCidr(AZ_DEFAULT_SUBNET_PREFIX);
      prefixes = p.ok ? [{ cidr: p.value, word: flags.get('--subnet-name')!.flag }] : [];
      add(ctx, 'info', 'default-value', `No --subnet-prefixes: az gives subnet ${subnetName} ${AZ_DEFAULT_SUBNET_PREFIX}.`, flags.get('--subnet-name')!.flag);
    }
    putSubnet(ctx, vnet, subnetName, prefixes, azWord.line);
    return { kind: 'subnet', vnet: vnet.name, subnet: subnetName };
  }
  return { kind: 'unknown' };
}

function subnetCreateOrUpdate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word, update: boolean): VarValue {
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
function putSubnet(ctx: Ctx, vnet: VNet, name: string, prefixes: Prefix[], line: number): void {
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

function readOnlySubnet(ctx: Ctx, name: string, args: Word[]): VarValue {
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

function aksCreate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): void {
  requireFlags(ctx, flags, azWord, 'aks create', ['--name', '--resource-group']);
  const name = literal(ctx, valueOf(flags, '--name'), '--name') ?? `cluster on line ${azWord.line}`;
  const rg = literal(ctx, valueOf(flags, '--resource-group'), '--resource-group');
  ctx.clusters.push({ name, ...(rg ? { rg } : {}), azWord, flags, updates: [] });
}

function aksUpdate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): void {
  requireFlags(ctx, flags, azWord, 'aks update', ['--name', '--resource-group']);
  const name = literal(ctx, valueOf(flags, '--name'), '--name');
  const target = name ? [...ctx.clusters].reverse().find((c) => key(c.name) === key(name)) : undefined;
  if (!target) {
    add(ctx, 'info', 'cluster-not-in-script', `Cluster ${name ?? '(unnamed)'} is not created in this script; the update's flags are read but not planned.`, azWord);
    return;
  }
  for (const [k, v] of flags) if (k !== '--name' && k !== '--resource-group') target.flags.set(k, v);
  target.updates.push(azWord.line);
}

/** Builds the planner input from the cluster's flags, plans it, and maps findings to words. */
function planState(ctx: Ctx, c: ClusterState): void {
  const fieldWords = new Map<string, Word>();
  const skipFields = new Set<string>();
  const get = (n: string) => valueOf(c.flags, n);
  const lit = (n: string) => literal(ctx, get(n), n);
  const label = `${c.name}: `;
  const local = (severity: Severity, code: string, message: string, w: Word, source?: string) => add(ctx, severity, code, label + message, w, source ? { source } : {});

  // ---- plugin ----
  const pluginText = lit('--network-plugin')?.toLowerCase();
  const modeText = lit('--network-plugin-mode')?.toLowerCase();
  const podSubnetValue = get('--pod-subnet-id');
  if (get('--network-plugin')) fieldWords.set('plugin', get('--network-plugin')!.word);
  if (pluginText && !['azure', 'kubenet', 'none'].includes(pluginText)) {
    local('error', 'invalid-value', `--network-plugin must be azure, kubenet or none, not "${pluginText}".`, get('--network-plugin')!.word);
  }
  if (pluginText === 'none') {
    local('info', 'byo-cni', 'With --network-plugin none you bring your own CNI; its pod addressing is not planned here.', get('--network-plugin')!.word);
    return;
  }
  if (modeText && modeText !== 'overlay') local('error', 'invalid-value', `--network-plugin-mode must be overlay, not "${modeText}".`, get('--network-plugin-mode')!.word);
  let plugin: Plugin;
  if (pluginText === 'kubenet') {
    plugin = 'kubenet';
    if (modeText) local('error', 'option-not-applicable', '--network-plugin-mode overlay applies only with --network-plugin azure.', get('--network-plugin-mode')!.word, SOURCES.overlay);
  } else if (modeText === 'overlay') {
    plugin = 'azure-overlay';
    if (podSubnetValue) local('warning', 'option-not-applicable', 'Azure CNI Overlay takes pod addresses from the pod CIDR, not from a pod subnet; --pod-subnet-id does not apply.', podSubnetValue.word, SOURCES.overlay);
  } else if (podSubnetValue) plugin = 'azure-dynamic';
  else if (pluginText === 'azure') plugin = 'azure';
  else {
    plugin = 'azure-overlay';
    local('info', 'default-plugin', 'No --network-plugin: current AKS defaults to Azure CNI Overlay (older CLI versions defaulted to kubenet), so the plan assumes Overlay.', c.azWord, SOURCES.overlay);
  }

  // ---- dataplane and policy ----
  const dataplaneText = lit('--network-dataplane')?.toLowerCase();
  let dataplane: 'azure' | 'cilium' = c.flags.has('--enable-cilium-dataplane') ? 'cilium' : 'azure';
  if (dataplaneText) {
    fieldWords.set('dataplane', get('--network-dataplane')!.word);
    if (dataplaneText === 'cilium' || dataplaneText === 'azure') dataplane = dataplaneText;
    else local('error', 'invalid-value', `--network-dataplane must be azure or cilium, not "${dataplaneText}".`, get('--network-dataplane')!.word);
  } else if (c.flags.has('--enable-cilium-dataplane')) fieldWords.set('dataplane', c.flags.get('--enable-cilium-dataplane')!.flag);
  const policy = lit('--network-policy')?.toLowerCase();
  if (policy) {
    const w = get('--network-policy')!.word;
    if (!['azure', 'calico', 'cilium', 'none'].includes(policy)) local('error', 'invalid-value', `--network-policy must be azure, calico, cilium or none, not "${policy}".`, w);
    else if (policy === 'azure' && plugin === 'kubenet') local('error', 'option-not-applicable', 'Azure Network Policy Manager is not supported with kubenet; use Calico, or move to Azure CNI.', w, SOURCES.kubenet);
    else if (policy === 'cilium' && dataplane !== 'cilium') local('error', 'option-not-applicable', '--network-policy cilium needs --network-dataplane cilium.', w, SOURCES.cilium);
  }

  // ---- numbers ----
  const int = (flag: string, field: string): number | undefined => {
    const v = get(flag);
    const t = lit(flag);
    if (!v || t === undefined) return undefined;
    fieldWords.set(field, v.word);
    if (/^\d{1,7}$/.test(t)) return Number(t);
    local('error', 'invalid-number', `${flag} should be a whole number, not "${clip(t)}".`, v.word);
    skipFields.add(field);
    return undefined;
  };
  const nodeCount = int('--node-count', 'nodeCount') ?? AZ_DEFAULT_NODE_COUNT;
  const maxPods = int('--max-pods', 'maxPods');
  let maxSurge: number | undefined;
  const surgeText = lit('--max-surge');
  if (surgeText !== undefined) {
    fieldWords.set('maxSurge', get('--max-surge')!.word);
    const pct = /^(\d{1,3})%$/.exec(surgeText);
    if (pct) maxSurge = Math.max(1, Math.ceil((nodeCount * Number(pct[1])) / 100));
    else if (/^\d{1,6}$/.test(surgeText)) maxSurge = Number(surgeText);
    else local('error', 'invalid-number', `--max-surge should be a node count or a percentage such as 33%, not "${clip(surgeText)}".`, get('--max-surge')!.word);
  }

  // ---- subnets ----
  const input: ClusterPlanInput = { plugin, dataplane, vnetCidrs: [], nodeSubnetCidr: '', nodeCount };
  if (maxPods !== undefined) input.maxPods = maxPods;
  if (maxSurge !== undefined) input.maxSurge = maxSurge;
  const subnetValue = get('--vnet-subnet-id');
  let nodeSubnet: Subnet | undefined;
  let vnet: VNet | undefined;
  if (subnetValue) {
    fieldWords.set('nodeSubnetCidr', subnetValue.word);
    const found = findSubnet(ctx, subnetValue, '--vnet-subnet-id', c.name);
    if (found) ({ subnet: nodeSubnet, vnet } = found);
  } else {
    local('info', 'managed-vnet', 'No --vnet-subnet-id: AKS creates and manages the VNet, so only the pod and service ranges are checked.', c.azWord);
  }
  if (nodeSubnet && vnet) {
    const earlier = ctx.clusters.find((o) => o !== c && o.entry?.subnet === `${nodeSubnet!.vnet}/${nodeSubnet!.name}`);
    if (earlier) local('warning', 'subnet-shared', `cluster ${earlier.name} already uses subnet ${nodeSubnet.name}; AKS docs say not to create more than one cluster in the same subnet.`, subnetValue!.word, SOURCES.kubenet);
    input.nodeSubnetCidr = nodeSubnet.prefixes.map((p) => formatCidr(p.cidr)).join(',');
    vnet.prefixes.forEach((p, i) => {
      input.vnetCidrs.push(formatCidr(p.cidr));
      fieldWords.set(`vnetCidrs[${i}]`, p.word);
    });
  }
  let podSubnet: Subnet | undefined;
  if (podSubnetValue && plugin === 'azure-dynamic') {
    fieldWords.set('podSubnetCidr', podSubnetValue.word);
    const found = findSubnet(ctx, podSubnetValue, '--pod-subnet-id', c.name);
    if (found) {
      podSubnet = found.subnet;
      input.podSubnetCidr = podSubnet.prefixes.map((p) => formatCidr(p.cidr)).join(',');
    } else skipFields.add('podSubnetCidr');
  }
  // Other subnets of the VNet and other VNets of the script must not collide with the cluster's ranges.
  const others: NonNullable<ClusterPlanInput['otherCidrs']> = [];
  for (const v of ctx.vnets.values()) {
    if (v === vnet) {
      for (const s of v.subnets.values()) {
        if (s === nodeSubnet || s === podSubnet) continue;
        for (const p of s.prefixes) {
          fieldWords.set(`otherCidrs[${others.length}].cidr`, p.word);
          others.push({ name: `subnet ${s.name}`, cidr: formatCidr(p.cidr) });
        }
      }
    } else {
      for (const p of v.prefixes) {
        fieldWords.set(`otherCidrs[${others.length}].cidr`, p.word);
        others.push({ name: `VNet ${v.name} (another VNet in this script)`, cidr: formatCidr(p.cidr) });
      }
    }
  }
  if (others.length) input.otherCidrs = others;

  // ---- cluster ranges ----
  const range = (flags: string[], field: string, set: (t: string) => void) => {
    const flag = flags.find((f) => c.flags.has(f));
    if (!flag) return;
    const v = get(flag)!;
    fieldWords.set(field, v.word);
    const t = literal(ctx, v, flag);
    if (t === undefined) skipFields.add(field);
    else set(t);
  };
  range(['--pod-cidrs', '--pod-cidr'], 'podCidr', (t) => (input.podCidr = t));
  range(['--service-cidrs', '--service-cidr'], 'serviceCidr', (t) => (input.serviceCidr = t));
  range(['--dns-service-ip'], 'dnsServiceIp', (t) => (input.dnsServiceIp = t));
  range(['--docker-bridge-address'], 'dockerBridgeCidr', (t) => (input.dockerBridgeCidr = t));
  if (skipFields.has('serviceCidr')) skipFields.add('dnsServiceIp');

  // ---- flags the planner doesn't read ----
  const ranges = get('--api-server-authorized-ip-ranges');
  if (ranges) {
    for (const piece of splitList(ctx, ranges, '--api-server-authorized-ip-ranges')) {
      const p = parseCidr(piece.text, { allowBareIp: true });
      if (!p.ok) local('error', 'invalid-cidr', `--api-server-authorized-ip-ranges: ${p.reason}.`, piece.word);
    }
  }
  const outbound = lit('--outbound-type');
  if (outbound && !OUTBOUND_TYPES.some((o) => o.toLowerCase() === outbound.toLowerCase())) {
    local('error', 'invalid-value', `--outbound-type must be one of ${OUTBOUND_TYPES.join(', ')}, not "${clip(outbound)}".`, get('--outbound-type')!.word);
  }

  const addons = get('--enable-addons');
  if (addons) {
    for (const piece of splitList(ctx, addons, '--enable-addons')) {
      if (piece.text.toLowerCase() !== 'http_application_routing') continue;
      const notice = retirementNotice('http-app-routing-retired', ctx.today);
      local(notice.status === 'past' ? 'error' : 'warning', 'http-application-routing-retired', notice.message, piece.word, notice.source);
    }
  }
  if (lit('--network-policy')?.toLowerCase() === 'azure') {
    for (const id of ['npm-windows-retirement', 'npm-linux-retirement'] as const) {
      const notice = retirementNotice(id, ctx.today);
      local('warning', 'azure-npm-retirement', notice.message, get('--network-policy')!.word, notice.source);
    }
  }

  // ---- plan, and put its findings on the words they are about ----
  const plan = planCluster(input, { today: ctx.today });
  for (const d of plan.diagnostics) {
    const field = d.field ?? '';
    if (skipFields.has(field)) continue;
    if (d.code === 'node-subnet-unknown') continue; // said more precisely above
    const w = fieldWords.get(field) ?? fieldWords.get(field.replace(/\[\d+\].*$/, '')) ?? c.azWord;
    ctx.diags.push({ ...d, message: label + d.message, ...at(w) });
  }
  c.entry = {
    name: c.name,
    line: c.azWord.line,
    input,
    plan,
    ...(c.rg ? { resourceGroup: c.rg } : {}),
    ...(nodeSubnet ? { subnet: `${nodeSubnet.vnet}/${nodeSubnet.name}` } : {}),
    updates: c.updates,
  };
}

function findSubnet(ctx: Ctx, v: Value, flag: string, cluster: string): { subnet: Subnet; vnet: VNet } | undefined {
  const ref = v.r.subnet;
  if (!ref) {
    const why = v.r.unresolved.length ? `it uses ${v.r.unresolved.join(', ')}, whose value this script doesn't give` : 'it is not a subnet resource ID (…/virtualNetworks/<vnet>/subnets/<subnet>)';
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: the checker can't tell which subnet ${flag} names: ${why}. Subnet sizes are not checked.`, v.word);
    return undefined;
  }
  const vnet = ctx.vnets.get(key(ref.vnet));
  const subnet = vnet?.subnets.get(key(ref.subnet));
  if (!vnet || !subnet) {
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: ${flag} names subnet ${ref.subnet} in VNet ${ref.vnet}, which this script doesn't create; subnet sizes are not checked.`, v.word);
    return undefined;
  }
  if (subnet.prefixes.length === 0) {
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: subnet ${ref.subnet}'s address range is not known from this script; subnet sizes are not checked.`, v.word);
    return undefined;
  }
  return { subnet, vnet };
}
