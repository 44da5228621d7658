import type { editor } from 'monaco-editor/esm/vs/editor/editor.api';

/**
 * The options every playground editor is created with (monaco.ts adds the model, theme, label
 * and wrapping). The bench's bare Monaco page uses them too, so both are measured alike.
 */
export const EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 14,
  lineNumbersMinChars: 3,
  tabSize: 2,
  insertSpaces: true,
  renderLineHighlight: 'none',
  fixedOverflowWidgets: true,
  scrollbar: { alwaysConsumeMouseWheel: false },
} satisfies editor.IStandaloneEditorConstructionOptions;
