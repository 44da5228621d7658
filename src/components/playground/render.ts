/** Renders a tool's output into a playground's result region (loaded with the first tool). */
import type { ToolDefinition, ToolOutput } from '../tools/types';
import { toDom } from './dom';
import { resultView, safeRun } from './result';

export function render(root: HTMLElement, tool: ToolDefinition, inputs: Record<string, string>): ToolOutput {
  const output = safeRun(tool, inputs);
  const region = root.querySelector<HTMLElement>('[data-result]');
  if (region) region.replaceChildren(...toDom(resultView(output, tool)));
  return output;
}
