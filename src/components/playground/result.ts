/**
 * The result region's content, shared by the build (HTML) and the browser (DOM):
 * the tool's one-line summary, its view, and the diagnostics in words.
 */
import { sortDiagnostics, type Diagnostic, type Severity } from '../../lib/diagnostics';
import { count } from '../../lib/plural';
import { WHOLE_INPUT as WHOLE } from '../../lib/yaml';
import { h, scopeIds, shiftHeadings, toText, type Child, type VNode } from '../../lib/view/h';
import { openSecondary } from '../views/secondary';
import type { ToolDefinition, ToolOutput } from '../tools/types';

const LABEL: Record<Diagnostic['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** The pane a diagnostic refers to, named only when the tool has more than one. */
function paneOf(d: Diagnostic, tool: ToolDefinition): string | undefined {
  return tool.inputs.length > 1 && d.input ? tool.inputs.find((i) => i.name === d.input)?.label : undefined;
}

function where(d: Diagnostic, tool: ToolDefinition): string {
  const pos = d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ''}` : '';
  return [paneOf(d, tool), pos].filter(Boolean).join(', ');
}

const NOUN: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** "2 errors, 1 warning": the one wording of how many findings there are, used by the headline and Findings. */
export function findingsCount(diagnostics: readonly Diagnostic[]): string {
  return (['error', 'warning', 'info'] as const)
    .map((s) => [s, diagnostics.filter((d) => d.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => count(n, NOUN[s]))
    .join(', ');
}

/** A message's first sentence, cut to a headline's length at a word boundary. */
function gist(message: string): string {
  const first = message.split(/(?<=[.;:])\s/)[0]!.replace(/[.;:]$/, '');
  return first.length <= 80 ? first : `${first.slice(0, 80).replace(/\s+\S*$/, '')}…`;
}

export interface Headline {
  /** "2 errors — NetworkPolicies document 2 not read, line 16", or null without errors. */
  errors: string | null;
  /** The tool's summary, marked when it was computed without unread parts of the input. */
  summary: string;
  /** The first error, for the headline's jump to its line. */
  first?: Diagnostic;
}

/**
 * What the result's first line says. Errors come first, so a result computed from part of
 * the input never reads as the answer for all of it; the parts errors left out are named.
 */
export function headline(output: ToolOutput, tool: ToolDefinition): Headline {
  const errors = sortDiagnostics(output.diagnostics.filter((d) => d.severity === 'error'));
  const first = errors[0];
  if (!first) return { errors: null, summary: output.summary };
  const part = (d: Diagnostic) => {
    const pane = paneOf(d, tool);
    return !pane ? d.unread! : d.unread === WHOLE ? pane : `${pane} ${d.unread}`;
  };
  const what = first.unread ? `${part(first)} not read` : gist(first.message);
  // An unread part already names its pane; another error says where it is.
  const at = first.unread ? (first.line ? `, line ${first.line}` : '') : where(first, tool) ? ` (${where(first, tool).replace(/, column \d+$/, '')})` : '';
  const unread = [...new Set(errors.filter((d) => d.unread).map(part))];
  const summary = unread.length ? `Computed without ${unread.join(', ')}: ${output.summary}` : output.summary;
  return { errors: `${count(errors.length, 'error')} — ${what}${at}`, summary, first };
}

/** The parts of a finding's location a reader can click to put the cursor there. */
function gotoAttrs(d: Diagnostic, tool: ToolDefinition) {
  return { type: 'button', class: 'pg-goto', 'data-goto-pane': d.input ?? tool.inputs[0]?.name ?? null, 'data-goto-line': d.line ?? null, 'data-goto-column': d.column ?? 1 };
}

export function diagnosticsView(diagnostics: Diagnostic[], tool: ToolDefinition): VNode | null {
  if (diagnostics.length === 0) return null;
  const sorted = sortDiagnostics(diagnostics);
  const shown = sorted.slice(0, 200);
  return h(
    'div',
    { class: 'pg-diagnostics' },
    h('h4', null, `Findings: ${findingsCount(diagnostics)}`),
    h(
      'ul',
      null,
      ...shown.map((d) =>
        h(
          'li',
          { class: `pg-diag pg-diag-${d.severity}`, 'data-code': d.code, 'data-line': d.line ?? null, 'data-input': null, 'data-pane': d.input ?? null },
          h('span', { class: 'pg-diag-sev' }, LABEL[d.severity]),
          ' ',
          where(d, tool) ? [d.line ? h('button', { ...gotoAttrs(d, tool), title: 'Put the cursor here' }, where(d, tool)) : h('span', { class: 'pg-diag-at' }, where(d, tool)), ': '] : null,
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

/**
 * Puts every result table (table.pg-table) in its own horizontally scrolling box, so a wide
 * table scrolls inside the result instead of pushing the page or hiding its last columns;
 * the box is a labelled, focusable group so keyboard users can scroll it (a group, not a
 * region landmark: a page with two playgrounds of one tool would repeat the landmark's name). The table's
 * first column stays in view (playground.css), so tools put the row's name first and its
 * verdict next to it. Tables a view already boxed are left alone.
 */
export function boxTables(child: Child): Child {
  if (child === null || child === undefined || child === false || typeof child !== 'object') return child;
  if (Array.isArray(child)) return child.map(boxTables);
  if (String(child.attrs.class ?? '').split(' ').includes('pg-scroll')) return child;
  if (child.tag === 'table' && String(child.attrs.class ?? '').split(' ').includes('pg-table')) {
    const caption = child.children.find((c): c is VNode => typeof c === 'object' && c !== null && !Array.isArray(c) && c.tag === 'caption');
    return h('div', { class: 'pg-scroll', role: 'group', tabindex: 0, 'aria-label': caption ? toText(caption) : 'Table' }, child);
  }
  return { ...child, children: child.children.map(boxTables) };
}

/**
 * `level` is the playground title's heading level; result headings sit one below it.
 * `page`: a tool's own page, where secondary parts of the result start open.
 */
export function resultView(output: ToolOutput, tool: ToolDefinition, level = 3, page = false, scope = 'pg'): VNode {
  const top = headline(output, tool);
  const view = h(
    'div',
    { class: 'pg-output', 'data-errors': top.errors ? 'true' : null },
    h(
      'p',
      { class: 'pg-summary' },
      // The error text itself is the jump to the first error's line (no extra words in the summary, which Copy as Markdown quotes).
      top.errors
        ? [top.first?.line ? h('button', { ...gotoAttrs(top.first, tool), class: 'pg-goto pg-headline-errors', title: 'Put the cursor on this line' }, `${top.errors}.`) : h('span', { class: 'pg-headline-errors' }, `${top.errors}.`), ' ']
        : null,
      top.summary,
    ),
    h('div', { class: 'pg-view' }, boxTables(page ? openSecondary(output.view) : output.view)),
    diagnosticsView(output.diagnostics, tool),
  );
  return scopeIds(shiftHeadings(view, level - 3) as VNode, scope);
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
