/**
 * The route table of a Gateway: one row per listener × attached route × rule × match, in
 * the order precedence would try them, each with why it ranks there and, when certain,
 * why it can never win (listener isolation, or an earlier row with the same conditions).
 */
import { attach, type Attachment } from './attach';
import { describeAction, describeMatch } from './explain';
import { compareSpecificity, hostnameMatches } from './hostname';
import { comparePrecedence, type Ranked } from './match';
import type { GatewayModel, GatewaySet, ListenerModel, MatchModel } from './model';
import type { GatewayRouteRow } from './types';

/** The rank of a row when hostnames are not yet known: its longest precise and any intersected hostname. */
function rowRank(a: Attachment, ruleIndex: number, match: MatchModel): Ranked {
  const precise = Math.max(0, ...a.hostnames.filter((h) => !h.startsWith('*')).map((h) => h.length));
  const any = Math.max(0, ...a.hostnames.map((h) => (h === '*' ? 0 : h.length)));
  return { route: a.route, rule: a.route.rules[ruleIndex]!, match, preciseHost: precise, anyHost: any };
}

/** True when a more specific listener on the same port and protocol takes every host of `h` away from `l`. */
function takenByOther(gw: GatewayModel, l: ListenerModel, h: string): ListenerModel | undefined {
  if (h === '*') return undefined;
  const rivals = gw.listeners.filter((o) => o !== l && !o.conflicted && o.port === l.port && o.protocol === l.protocol && compareSpecificity(o.hostname, l.hostname) < 0);
  if (!h.startsWith('*.')) return rivals.find((o) => hostnameMatches(o.hostname, h));
  // A wildcard route hostname is taken when a rival covers all of it: its own wildcard suffix is a suffix of h's.
  return rivals.find((o) => o.hostname !== undefined && o.hostname.startsWith('*.') && h.slice(1).endsWith(o.hostname.slice(1)));
}

const conditionKey = (hostnames: string[], m: MatchModel): string =>
  JSON.stringify([
    [...hostnames].sort(),
    m.path.type,
    m.path.value,
    m.method ?? '',
    m.headers.map((h) => [h.name.toLowerCase(), h.type, h.value]).sort(),
    m.query.map((q) => [q.name, q.type, q.value]).sort(),
  ]);

export function rankText(r: Ranked, hostnames: string[]): string {
  const parts = [hostnames.join(', ') === '*' ? 'any host' : `host ${hostnames.join(', ')}`, `${r.match.path.type} ${r.match.path.value} (${r.match.path.value.length} chars)`];
  if (r.match.method) parts.push('method');
  if (r.match.headers.length) parts.push(`${r.match.headers.length} header${r.match.headers.length === 1 ? '' : 's'}`);
  if (r.match.query.length) parts.push(`${r.match.query.length} query`);
  if (r.route.created !== undefined) parts.push(`created ${new Date(r.route.created).toISOString()}`);
  return parts.join(' · ');
}

/** Rows of one Gateway's table. */
export function tableRows(gw: GatewayModel, set: GatewaySet): GatewayRouteRow[] {
  const { attached } = attach(gw, set);
  const rows: GatewayRouteRow[] = [];
  for (const l of gw.listeners) {
    const mine = attached.filter((a) => a.listener === l);
    const ranked: { r: Ranked; a: Attachment }[] = [];
    for (const a of mine) for (const rule of a.route.rules) for (const m of rule.matches) ranked.push({ r: rowRank(a, rule.index, m), a });
    ranked.sort((x, y) => comparePrecedence(x.r, y.r));
    const seen = new Map<string, GatewayRouteRow>();
    for (const { r, a } of ranked) {
      const row: GatewayRouteRow = {
        gateway: gw.id,
        listener: l.name,
        listenerPort: `${l.port}/${l.protocol}`,
        ...(l.hostname !== undefined ? { listenerHostname: l.hostname } : {}),
        route: a.route.id,
        rule: r.rule.index,
        match: r.match.index,
        hostnames: a.hostnames,
        matchText: describeMatch(r.match),
        actionText: describeAction(r.rule),
        rankText: rankText(r, a.hostnames),
      };
      const taken = a.hostnames.map((h) => takenByOther(gw, l, h));
      const key = conditionKey(a.hostnames, r.match);
      const first = seen.get(key);
      if (r.match.path.type === 'RegularExpression' && !r.match.path.regex) row.neverWins = 'its regular expression does not compile';
      else if (taken.every((t) => t !== undefined)) row.neverWins = `listener isolation: requests for ${a.hostnames.join(', ')} reach the more specific listener "${taken[0]!.name}" (${taken[0]!.hostname}), never "${l.name}"`;
      else if (first) row.neverWins = `${first.route} rule ${first.rule} has the same hostnames and conditions and ranks first (${first.route === row.route ? 'earlier rule' : 'older or alphabetically first route'})`;
      else seen.set(key, row);
      rows.push(row);
    }
  }
  return rows;
}
