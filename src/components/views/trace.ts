/**
 * The trace as a picture: the client, then each hop left to right (top to bottom on a phone),
 * each box coloured by its verdict and carrying a symbol and a word for it, the addresses as
 * that hop sees them on the arrow before it, and the blocking hop with its rule and a one-line
 * fix. It is an ordered list of text, so it reads the same without JavaScript, in the dark
 * theme and to a screen reader. Used by the trace tool and the guide's live tracers.
 */
import { headline, seesText, VERDICT_WORDS, type Hop, type TraceResult } from '../../lib/trace';
import { h, type VNode } from '../../lib/view/h';

const outcomeClass = { delivered: 'pg-allow', blocked: 'pg-deny', unknown: 'pg-warn' } as const;
const outcomeSymbol = { delivered: '✓', blocked: '✗', unknown: '?' } as const;

function hopItem(hop: Hop, i: number, decisive: boolean): VNode {
  const v = VERDICT_WORDS[hop.verdict];
  return h(
    'li',
    { class: `tr-hop tr-${hop.verdict}${decisive ? ' tr-decisive' : ''}`, 'data-hop': hop.id },
    h('p', { class: 'tr-arrow' }, h('span', { class: 'sr-only' }, 'Packet as this hop sees it: '), seesText(hop)),
    h(
      'div',
      { class: 'tr-box' },
      h('p', { class: 'tr-head' }, h('span', { class: 'tr-sym', 'aria-hidden': 'true' }, v.symbol), ' ', h('strong', null, `${i + 1}. ${hop.id}`), ' ', h('span', { class: 'tr-word' }, v.word)),
      h('p', { class: 'tr-res' }, hop.resource),
      decisive && hop.rule ? h('p', { class: 'tr-rule' }, h('strong', null, 'Rule: '), hop.rule) : null,
      decisive && hop.fix ? h('p', { class: 'tr-fix' }, h('strong', null, 'Fix: '), hop.fix) : null,
    ),
  );
}

/** The picture and, under it, the details of every hop with its source. */
export function tracePicture(r: TraceResult, from: string): VNode {
  const decisiveIndex = r.hops.findIndex((x) => x.verdict === 'block');
  const firstUnknown = r.hops.findIndex((x) => x.verdict === 'unknown');
  const marked = decisiveIndex >= 0 ? decisiveIndex : firstUnknown;
  return h(
    'div',
    { class: 'tr' },
    // The result's headline states the whole sentence; the verdict here is its coloured first words.
    h('p', { class: `pg-verdict ${outcomeClass[r.outcome]}` }, `${outcomeSymbol[r.outcome]} ${headline(r).split(':')[0]}`),
    r.hops.length
      ? h(
          'ol',
          { class: 'tr-path', 'aria-label': 'The connection, hop by hop' },
          h('li', { class: 'tr-client' }, h('div', { class: 'tr-box' }, h('p', { class: 'tr-head' }, h('strong', null, 'Client')), h('p', { class: 'tr-res' }, from))),
          ...r.hops.map((hop, i) => hopItem(hop, i, i === marked)),
        )
      : null,
    r.hops.length
      ? h(
          'details',
          { class: 'tr-details' },
          h('summary', null, 'Why, hop by hop'),
          h(
            'ol',
            null,
            ...r.hops.map((hop) =>
              h('li', null, h('strong', null, `${hop.id} — ${hop.resource}: `), hop.detail, hop.fix ? ` Fix: ${hop.fix}` : '', hop.source ? h('span', null, ' (', h('a', { href: hop.source }, 'source'), ')') : null),
            ),
          ),
        )
      : null,
  );
}
