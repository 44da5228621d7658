/**
 * Runs a tool in a Web Worker with a time budget. If the budget runs out the worker is
 * terminated (a fresh one serves the next run) and the reader is told the input is too
 * large; the page itself never blocks. Without Worker support, tools run on the main thread.
 */
import type { Diagnostic } from '../../lib/diagnostics';
import type { VNode } from '../../lib/view/h';

export type WorkerRequest =
  | { seq: number; kind: 'run'; tool: string; inputs: Record<string, string>; level: number; page: boolean; scope: string }
  | { seq: number; kind: 'query'; tool: string; inputs: Record<string, string>; query: string };

export interface WorkerReply {
  seq: number;
  view?: VNode;
  diagnostics?: Diagnostic[];
  summary?: string;
  inputs?: Partial<Record<string, string>>;
  /** The run's result is the one last sent to this playground: nothing to redraw. */
  unchanged?: boolean;
  error?: string;
}

export type RunReply = Required<Pick<WorkerReply, 'view' | 'diagnostics' | 'summary'>> | { unchanged: true };

/** Longest a single engine run may take before it is stopped. */
export const TIME_BUDGET_MS = 4000;

export class TimeBudgetExceeded extends Error {}

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, { resolve: (r: WorkerReply) => void; timer: ReturnType<typeof setTimeout> }>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker !== 'function') return null;
  try {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'playground-engines' });
  } catch {
    return null;
  }
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const p = pending.get(e.data.seq);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(e.data.seq);
    p.resolve(e.data);
  };
  return worker;
}

function restart(): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.resolve({ seq: id, error: 'restarted' });
  }
  pending.clear();
}

async function mainThread(request: WorkerRequest): Promise<WorkerReply> {
  const { loadTool } = await import('../tools/registry');
  const tool = await loadTool(request.tool);
  if (!tool) return { seq: request.seq, error: `unknown tool ${request.tool}` };
  if (request.kind === 'query') return { seq: request.seq, inputs: tool.fromQuery?.(new URLSearchParams(request.query), request.inputs) ?? {} };
  const { resultView, safeRun } = await import('./result');
  const output = safeRun(tool, request.inputs);
  return { seq: request.seq, view: resultView(output, tool, request.level, request.page, request.scope), diagnostics: output.diagnostics, summary: output.summary };
}

type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

function send(request: Unsequenced<WorkerRequest>): Promise<WorkerReply> {
  const full = { ...request, seq: ++seq } as WorkerRequest;
  const w = getWorker();
  if (!w) return mainThread(full);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(full.seq);
      restart();
      reject(new TimeBudgetExceeded(`stopped after ${TIME_BUDGET_MS / 1000} s`));
    }, TIME_BUDGET_MS);
    pending.set(full.seq, { resolve, timer });
    w.postMessage(full);
  });
}

export async function runTool(tool: string, inputs: Record<string, string>, level = 3, page = false, scope = 'pg'): Promise<RunReply | null> {
  const r = await send({ kind: 'run', tool, inputs, level, page, scope });
  if (r.error === 'restarted') return null;
  if (r.unchanged) return { unchanged: true };
  if (r.error || !r.view) throw new Error(r.error ?? 'no result');
  return { view: r.view, diagnostics: r.diagnostics ?? [], summary: r.summary ?? '' };
}

export async function inputsFromQuery(tool: string, inputs: Record<string, string>, query: string): Promise<Partial<Record<string, string>>> {
  const r = await send({ kind: 'query', tool, inputs, query });
  return r.inputs ?? {};
}
