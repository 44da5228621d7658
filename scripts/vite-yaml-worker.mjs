// monaco-yaml's worker bundles Prettier (about 135 KB gzipped) for one feature: formatting a
// whole document, which the playgrounds turn off (format.enable is false in monaco.ts) and
// offer no action for. For worker bundles only, its Prettier imports resolve to a stub.
import { fileURLToPath } from 'node:url';

const STUB = fileURLToPath(new URL('../src/components/playground/prettier-stub.ts', import.meta.url));

export default function yamlWorkerWithoutPrettier() {
  return {
    name: 'aks-guide:yaml-worker-without-prettier',
    enforce: 'pre',
    resolveId(source, importer) {
      return source.startsWith('prettier/') && importer?.includes('monaco-yaml') ? STUB : null;
    },
  };
}
