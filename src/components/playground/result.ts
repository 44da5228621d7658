/**
 * The result region's content, shared by the build (HTML) and the browser (DOM):
 * the tool's one-line summary, its view, and the diagnostics in words.
 */
import { sortDiagnostics, type Diagnostic } from '../../lib/diagnostics';
import { h, shiftHeadings, type VNode } from '../../lib/view/h';
import type { ToolDefinition, ToolOutput } from '../tools/types';

const LABEL: Record<Diagnostic['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

function where(d: Diagnostic, tool: ToolDefinition): string {
  const pane = tool.inputs.length > 1 && d.input ? tool.inputs.find((i) => i.name === d.input)?.label : undefined;
  const pos = d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ''}` : '';
  return [pane, pos].filter(Boolean).join(', ');
}

export function diagnosticsView(diagnostics: Diagnostic[], tool: ToolDefinition): VNode | null {
  if (diagnostics.length === 0) return null;
  const sorted = sortDiagnostics(diagnostics);
  const shown = sorted.slice(0, 200);
  return h(
    'div',
    { class: 'pg-diagnostics' },
    h('h4', null, `Findings (${diagnostics.length})`),
    h(
      'ul',
      null,
      ...shown.map((d) =>
        h(
          'li',
          { class: `pg-diag pg-diag-${d.severity}`, 'data-code': d.code, 'data-line': d.line ?? null, 'data-input': null, 'data-pane': d.input ?? null },
          h('span', { class: 'pg-diag-sev' }, LABEL[d.severity]),
          ' ',
          where(d, tool) ? h('span', { class: 'pg-diag-at' }, `${where(d, tool)}: `) : null,
          d.message,
          ' ',
          h('code', { class: 'pg-diag-code' }, d.code),
          d.source ? [' ', h('a', { href: d.source, rel: 'noreferrer' }, 'source')] : null,
        ),
      ),
    ),
    sorted.length > shown.length ? h('p', { class: 'pg-muted' }, `… and ${sorted.length - shown.length} more.`) : null,
  );
}

/** `level` is the playground title's heading level; result headings sit one below it. */
export function resultView(output: ToolOutput, tool: ToolDefinition, level = 3): VNode {
  const view = h(
    'div',
    { class: 'pg-output' },
    h('p', { class: 'pg-summary' }, output.summary),
    h('div', { class: 'pg-view' }, output.view),
    diagnosticsView(output.diagnostics, tool),
  );
  return shiftHeadings(view, level - 3) as VNode;
}

/** Runs a tool, turning an unexpected exception into a diagnostic (engines should never throw). */
export function safeRun(tool: ToolDefinition, inputs: Record<string, string>): ToolOutput {
  try {
    return tool.run(inputs);
  } catch (e) {
    return {
      view: h('p', null, 'The tool could not process this input.'),
      diagnostics: [{ severity: 'error', code: 'internal-error', message: `Unexpected failure: ${e instanceof Error ? e.message : String(e)}. Your input is kept; please report it.` }],
      summary: 'The tool failed on this input',
    };
  }
}
