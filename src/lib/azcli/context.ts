/**
 * The checker's shared state and small helpers: what a script has created so far (VNets,
 * subnets, clusters, variables) and how findings are added (on the word they are about).
 * `Ctx.run` runs one az command through the model; it lives in index.ts and is passed in,
 * so the modules that read `$(az …)` need not import the dispatcher.
 */
import { diag, type Diagnostic, type Severity } from '../diagnostics';
import type { Cidr } from '../cidr/ip';
import type { LineIndex } from '../yaml';
import { FACTS } from '../facts';
import type { Word } from './shell';
import type { AzCluster } from './index';

export const MAX_SUBST_DEPTH = 3;
export const AZ_DEFAULT_VNET_PREFIX: string = FACTS['az-vnet-default-prefix'].value;
/** Length of the block `az network vnet create --subnet-name` reserves without --subnet-prefixes. */
export const AZ_DEFAULT_SUBNET_LENGTH: number = FACTS['az-vnet-default-subnet-prefix'].value;
export const AZ_DEFAULT_NODE_COUNT: number = FACTS['az-aks-create-default-node-count'].value;
export const OUTBOUND_TYPES: readonly string[] = FACTS['outbound-types'].value;

export type VarValue = { kind: 'text'; text: string } | { kind: 'subnet'; vnet: string; subnet: string } | { kind: 'unknown' };

export interface Resolved {
  text: string;
  /** Names of variables / substitutions whose value the script doesn't give. */
  unresolved: string[];
  subnet?: { vnet: string; subnet: string };
}

export interface Value {
  word: Word;
  r: Resolved;
}

export interface FlagUse {
  flag: Word;
  values: Value[];
}

export interface Prefix {
  cidr: Cidr;
  word: Word;
}

export interface Subnet {
  name: string;
  vnet: string;
  line: number;
  prefixes: Prefix[];
}

export interface VNet {
  name: string;
  line: number;
  /** False when the script uses the VNet without creating it. */
  declared: boolean;
  prefixes: Prefix[];
  subnets: Map<string, Subnet>;
}

export interface ClusterState {
  name: string;
  rg?: string;
  azWord: Word;
  flags: Map<string, FlagUse>;
  updates: number[];
  entry?: AzCluster;
}

export interface Ctx {
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
  /** Runs one az command through the model (index.ts); `$(az …)` in a word runs it too. */
  run: (words: Word[], inSubstitution: boolean) => VarValue;
}


export const key = (s: string) => s.toLowerCase();
export const at = (w: Word) => ({ line: w.line, column: w.column, endLine: w.endLine, endColumn: w.endColumn });

export function add(ctx: Ctx, severity: Severity, code: string, message: string, w: Word, extra: Partial<Diagnostic> = {}): void {
  ctx.diags.push(diag(severity, code, message, { ...at(w), ...extra }));
}

export const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
