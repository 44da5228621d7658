// Rehype plugins for the guide's content.

// Prefixes the site's base path to root-relative links written in content ("/plugins/…"),
// so the same pages work when the site is served under a sub-path.
export default function rehypeBaseLinks({ base = '/' } = {}) {
  const prefix = base.replace(/\/$/, '');
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'a') {
      const href = node.properties?.href;
      if (prefix && typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') && !href.startsWith(`${prefix}/`)) {
        node.properties.href = prefix + href;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  return (tree) => visit(tree);
}

// Starlight lets wide tables scroll sideways; a keyboard user must be able to focus such
// a table to scroll it, so content tables are made focusable.
export function rehypeFocusableTables() {
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
    for (const child of node.children ?? []) visit(child);
  };
  return (tree) => visit(tree);
}
