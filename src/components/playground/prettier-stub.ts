/**
 * Stands in for Prettier's `prettier/standalone` and its plugins inside monaco-yaml's worker
 * (see scripts/vite-yaml-worker.mjs). Formatting is turned off in monaco.ts, so this is never
 * called; if it were, the request fails instead of changing the reader's text.
 */
export function format(): Promise<string> {
  return Promise.reject(new Error('Formatting is not available in the playgrounds.'));
}
