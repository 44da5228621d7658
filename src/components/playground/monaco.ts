/**
 * Monaco, loaded only when a reader starts editing (bundled with the site: no CDN, no loader
 * from the network). YAML panes get hover and completion from the Kubernetes schemas through
 * monaco-yaml, with schemas shipped in the bundle. Errors come from our engines only.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import './monaco-contributions';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution';
import 'monaco-editor/esm/vs/language/json/monaco.contribution';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { Diagnostic } from '../../lib/diagnostics';
import { EDITOR_OPTIONS } from './editor-options';
import { kubernetesSchema } from './k8s-schemas';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'yaml') return new YamlWorker();
    return new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // Whole-document formatting needs Prettier, which the YAML worker is built without
  // (scripts/vite-yaml-worker.mjs); no format action is loaded to call it either.
  format: { enable: false },
  hover: true,
  completion: true,
  // The engines report every error the schema would (unknown fields, wrong types, bad enum
  // values) with a code, and the result counts them: a second set of squiggles from the
  // schema would show errors the headline does not count, and validating the whole document
  // on each keystroke kept a core busy that the engine worker needs.
  validate: false,
  schemas: [{ uri: kubernetesSchema.uri, fileMatch: ['**/*.k8s.yaml'], schema: kubernetesSchema.schema as never }],
});
// JSON panes (NSG rules, WAF policies) are validated by our engines, which name a syntax
// error as such ("JSON syntax error") and count it in the result. Monaco's JSON support only
// highlights (on the main thread): with no feature that needs it, its worker never starts.
monaco.languages.json.jsonDefaults.setDiagnosticsOptions({ validate: false, allowComments: false, enableSchemaRequest: false, schemas: [] });
monaco.languages.json.jsonDefaults.setModeConfiguration({
  tokens: true,
  diagnostics: false,
  completionItems: false,
  hovers: false,
  documentSymbols: false,
  colors: false,
  foldingRanges: false,
  selectionRanges: false,
  documentFormattingEdits: false,
  documentRangeFormattingEdits: false,
});

const theme = (): string => (document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark');
new MutationObserver(() => monaco.editor.setTheme(theme())).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

export interface EditorOptions {
  value: string;
  language: string;
  schema?: string;
  label: string;
  path: string;
  height: number;
  offset: number;
  /** Soft-wrap long lines (off for YAML and JSON, where a wrapped line looks like a new key). */
  wrap: boolean;
  onChange: () => void;
}

export interface EditorHandle {
  getValue(): string;
  setValue(value: string): void;
  setDiagnostics(diagnostics: Diagnostic[]): void;
  focus(): void;
  /** Puts the cursor on a 1-based line and column, scrolls it into view and focuses the editor. */
  goTo(line: number, column: number): void;
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;
const MAX_HEIGHT = 640;
let serial = 0;

export function createEditor(host: HTMLElement, o: EditorOptions): EditorHandle {
  const ext = o.language === 'yaml' ? (o.schema === 'kubernetes' ? '.k8s.yaml' : '.yaml') : o.language === 'json' ? '.json' : o.language === 'shell' ? '.sh' : '.txt';
  const uri = monaco.Uri.parse(`file:///playground/${serial++}/${o.path.replace(/[^\w/-]/g, '_')}${ext}`);
  const model = monaco.editor.createModel(o.value, o.language, uri);
  host.style.height = `${o.height}px`;
  const editor = monaco.editor.create(host, {
    model,
    theme: theme(),
    ariaLabel: `${o.label} (code editor; press Ctrl+M, or Ctrl+Shift+M on macOS, to make Tab move focus)`,
    ...EDITOR_OPTIONS,
    wordWrap: o.wrap ? 'on' : 'off',
  });
  // Grow with the content (from the textarea's height) so the page does not jump.
  editor.onDidContentSizeChange((e) => {
    host.style.height = `${Math.min(MAX_HEIGHT, Math.max(o.height, e.contentHeight + 4))}px`;
  });
  const pos = model.getPositionAt(o.offset);
  editor.setPosition(pos);
  editor.revealPositionInCenterIfOutsideViewport(pos);
  let applying = false;
  model.onDidChangeContent(() => {
    if (!applying) o.onChange();
  });
  return {
    getValue: () => model.getValue(),
    setValue(value) {
      if (value === model.getValue()) return;
      applying = true;
      model.setValue(value);
      applying = false;
    },
    setDiagnostics(diagnostics) {
      monaco.editor.setModelMarkers(
        model,
        'aks-guide',
        diagnostics
          .filter((d) => d.line !== undefined)
          .map((d) => {
            const line = Math.min(Math.max(1, d.line!), model.getLineCount());
            const column = Math.max(1, d.column ?? 1);
            const endLine = Math.min(Math.max(line, d.endLine ?? line), model.getLineCount());
            let endColumn = d.endColumn ?? model.getLineMaxColumn(line);
            if (endLine === line && endColumn <= column) endColumn = model.getLineMaxColumn(line);
            return { severity: SEVERITY[d.severity], message: `${d.message} [${d.code}]`, startLineNumber: line, startColumn: column, endLineNumber: endLine, endColumn, source: 'AKS guide' };
          }),
      );
    },
    focus: () => editor.focus(),
    goTo(line, column) {
      editor.setPosition({ lineNumber: line, column });
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.focus();
    },
  };
}
