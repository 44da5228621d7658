/**
 * The one place that knows the set of tools: every module in this folder except the
 * declarations' types and this file. The glob is lazy, so the engine worker and the
 * main-thread fallback load one chunk per tool, only when that tool runs; build-time code
 * (Astro frontmatter, tests) awaits loadTool / loadTools.
 */
import type { ToolDefinition } from './types';

const loaders = import.meta.glob<{ default: ToolDefinition }>(['./*.ts', '!./types.ts', '!./registry.ts']);

const idOf = (path: string): string => path.replace(/^\.\/|\.ts$/g, '');

/** Every tool id (the file names), sorted. */
export const toolIds: readonly string[] = Object.keys(loaders).map(idOf).sort();

/** The tool declared in ./<id>.ts, or undefined when there is none. */
export async function loadTool(id: string): Promise<ToolDefinition | undefined> {
  const load = loaders[`./${id}.ts`];
  return load ? (await load()).default : undefined;
}

/** Every tool, in id order. */
export async function loadTools(): Promise<ToolDefinition[]> {
  return Promise.all(toolIds.map(async (id) => (await loaders[`./${id}.ts`]!()).default));
}
