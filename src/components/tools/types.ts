/**
 * The declaration of a Playground tool: its input panes, its engine run, and how its
 * result is shown. The one Playground shell does everything else (editors, markers,
 * share links, reset). A tool module default-exports a ToolDefinition and lives in
 * src/components/tools/<id>.ts; the registry (./registry.ts) finds it by file name:
 * `toolIds` lists them, `loadTool(id)` loads one.
 */
import type { Diagnostic } from '../../lib/diagnostics';
import type { VNode } from '../../lib/view/h';

export type PaneLanguage = 'yaml' | 'json' | 'shell' | 'plaintext';

export interface ToolInput {
  /** Key in the inputs record; also the pane's `data-input` value. */
  name: string;
  /** Visible label of the pane. */
  label: string;
  language: PaneLanguage;
  /** For YAML panes: the schema set offered by monaco-yaml ('kubernetes' or a tool's own id). */
  schema?: string;
  /** Visible lines of the pane before editing (the editor keeps this height). */
  rows?: number;
  /** One sentence under the label, saying what to type. */
  hint?: string;
  /**
   * On guide pages, a pane still holding the tool's example starts folded, with this summary
   * ("the example cluster: …"): readers rarely need it, and it would fill a screen per playground.
   */
  folded?: string;
}

export interface ToolOutput {
  /** The result view (diagnostics are listed by the shell, not by the view). */
  view: VNode;
  /** Every diagnostic, each with `input` naming the pane its line/column refers to. */
  diagnostics: Diagnostic[];
  /** One line in words, used for "Copy as Markdown" and the result's accessible summary. */
  summary: string;
}

export interface ToolDefinition {
  /** Stable id: `data-playground` value and file name. */
  id: string;
  title: string;
  /** One sentence: what the tool answers. */
  description: string;
  inputs: ToolInput[];
  /** Inputs of the tool's standalone page and of a playground given none. */
  example: Record<string, string>;
  /** Pure, synchronous, never throws on user input. */
  run(inputs: Record<string, string>): ToolOutput;
  /**
   * Readable query parameters for runbook links (`?nodes=50&subnet=10.240.0.0/22`): returns
   * the inputs they set, given the current ones. A parameter named like an input pane
   * always sets that pane's text; this adds friendlier names.
   */
  fromQuery?(params: URLSearchParams, inputs: Record<string, string>): Partial<Record<string, string>>;
  /** Documented query parameters: name → what it sets (shown on the runbook-authors page). */
  queryParams?: Record<string, string>;
}
