/**
 * Runs tool engines off the main thread, so a huge or hostile input can never freeze the
 * page: the controller gives each run a time budget and replaces this worker if it is
 * exceeded. Tools are loaded here on demand, one chunk per tool.
 */
import { loadTool } from '../tools/registry';
import { resultView, safeRun } from './result';
import type { WorkerReply, WorkerRequest } from './runner';
import type { ToolDefinition } from '../tools/types';

/**
 * Tools already loaded. Later runs reach the engine without import(), which resolves a task
 * later even for a loaded chunk: on a busy machine that alone delayed each keystroke's result.
 */
const loaded = new Map<string, ToolDefinition>();

/**
 * The last result sent to each playground (by scope). A keystroke that changes nothing the
 * reader sees (a space, a comment) is answered "unchanged", and the page touches nothing.
 */
const lastSent = new Map<string, string>();

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { seq, tool: id, inputs } = event.data;
  const reply = (r: Omit<WorkerReply, 'seq'>) => (self as unknown as Worker).postMessage({ seq, ...r });
  try {
    const tool = loaded.get(id) ?? (await loadTool(id));
    if (!tool) return reply({ error: `unknown tool ${id}` });
    loaded.set(id, tool);
    if (event.data.kind === 'query') return reply({ inputs: tool.fromQuery?.(new URLSearchParams(event.data.query), inputs) ?? {} });
    const output = safeRun(tool, inputs);
    const result = { view: resultView(output, tool, event.data.level, event.data.page, event.data.scope), diagnostics: output.diagnostics, summary: output.summary };
    const text = JSON.stringify(result);
    if (lastSent.get(event.data.scope) === text) return reply({ unchanged: true });
    lastSent.set(event.data.scope, text);
    reply(result);
  } catch (e) {
    reply({ error: e instanceof Error ? e.message : String(e) });
  }
};
