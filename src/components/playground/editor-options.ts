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
  // monaco-yaml asks for suggestions after every space and colon, so a list opened on each
  // space typed in a value or a comment and every keystroke waited on the YAML worker.
  // Suggestions still come while typing a word, and on Ctrl+Space.
  suggestOnTriggerCharacters: false,
} satisfies editor.IStandaloneEditorConstructionOptions;
