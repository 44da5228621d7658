/**
 * The editor contributions the playgrounds use, instead of Monaco's editor.all.js (all 60 of
 * them, about 250 KB gzipped). Kept: what typing, moving and selecting by keyboard need, the
 * clipboard and its context menu, the squiggles' hover and F8 marker navigation (our engines'
 * diagnostics), hover and suggestions fed by monaco-yaml's schemas, and Ctrl+M (Tab moves focus,
 * which the editor's aria-label announces). Left out: what no pane offers (diff editor, find and
 * replace, folding, code lenses, colour picker, inline completions and edits, inlay
 * hints, go to definition, rename, links, sticky scroll, formatting, semantic tokens,
 * multi-cursor, word highlighting, unicode highlighting, drag and drop, font zoom), and code
 * actions: their light bulb asked monaco-yaml's worker on every cursor move for quick fixes to
 * schema errors, which the engines report instead (monaco.ts).
 */
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
// editor.all.js loads these too: the strings of the standalone editor, and the icon font's rules.
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
