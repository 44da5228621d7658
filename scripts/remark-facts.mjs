// Remark plugin: "Facts checked on <date>" at the top of every page that cites registry facts.
// The date is the oldest check date among the facts the page shows, found by scanning the
// page's own <Fact id="…" /> elements (and components that show a known set of facts), so the
// line cannot drift from the facts. An unknown id fails the build with the page's path.
import { CHANGES, getFact, oldestChecked } from '../src/lib/facts/index.ts';
import { formatFactDate } from '../src/lib/facts/dates.ts';

/** Components that show facts without a <Fact> element, and the ids they show. */
const COMPONENT_FACTS = { ChangesTimeline: CHANGES.map((c) => c.fact), IpPlanningPlugins: ['pod-cidr-per-node-prefix'] };

/** `FACTS['id']` in a page's JS expressions (SVG labels, tables built from a fact's value). */
const FACTS_REF = /\bFACTS\[\s*['"]([a-z0-9-]+)['"]\s*\]/g;

function factRefs(code, path, ids) {
  for (const m of code.matchAll(FACTS_REF)) {
    if (!getFact(m[1])) throw new Error(`${path}: FACTS['${m[1]}'] names no fact in src/lib/facts/.`);
    ids.add(m[1]);
  }
}

/** Ids of the facts a page's MDX tree shows. */
export function factIdsOf(tree, path = 'this page') {
  const ids = new Set();
  const visit = (node) => {
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && typeof node.value === 'string') factRefs(node.value, path, ids);
    for (const a of Array.isArray(node.attributes) ? node.attributes : []) {
      if (a.type === 'mdxJsxAttribute' && a.value && typeof a.value === 'object' && typeof a.value.value === 'string') factRefs(a.value.value, path, ids);
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
      if (node.name === 'Fact') {
        const attr = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
        const id = typeof attr?.value === 'string' ? attr.value : undefined;
        if (!id) throw new Error(`${path}: <Fact> needs a literal id, e.g. <Fact id="kubenet-max-nodes" />.`);
        if (!getFact(id)) throw new Error(`${path}: <Fact id="${id}" /> names no fact in src/lib/facts/.`);
        ids.add(id);
      }
      for (const id of COMPONENT_FACTS[node.name] ?? []) ids.add(id);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return ids;
}

export default function remarkFactsChecked() {
  return (tree, file) => {
    const ids = factIdsOf(tree, file.path ?? 'this page');
    const oldest = oldestChecked(ids);
    if (!oldest) return;
    const line = {
      type: 'paragraph',
      data: { hProperties: { className: ['facts-checked'] } },
      children: [
        { type: 'text', value: 'Facts checked on ' },
        { type: 'strong', data: { hName: 'time', hProperties: { dateTime: oldest } }, children: [{ type: 'text', value: formatFactDate(oldest) }] },
        // The changes page itself gets no link to itself.
        ...(/retirements-and-changes\.mdx$/.test(file.path ?? '')
          ? [{ type: 'text', value: ` (the oldest check of the ${ids.size} cited fact${ids.size === 1 ? '' : 's'} on this page).` }]
          : [
              { type: 'text', value: ` (the oldest check of the ${ids.size} cited fact${ids.size === 1 ? '' : 's'} on this page; ` },
              { type: 'link', url: '/changes/retirements-and-changes/', children: [{ type: 'text', value: 'what changed recently' }] },
              { type: 'text', value: ').' },
            ]),
      ],
    };
    // Tool pages show the tool first, so their line goes at the end; guide pages get it at the
    // top, after the imports and exports of the MDX file.
    if (/(^|\/)tools\/[^/]+\.mdx$/.test(file.path ?? '')) {
      tree.children.push(line);
      return;
    }
    const first = tree.children.findIndex((n) => n.type !== 'mdxjsEsm');
    tree.children.splice(first === -1 ? tree.children.length : first, 0, line);
  };
}
