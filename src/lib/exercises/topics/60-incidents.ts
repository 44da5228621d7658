/**
 * Incident exercises (page incidents): an environment with one or two faults across layers.
 * The learner traces, finds and fixes them in the environment pane; the checker runs the
 * tracer on the learner's environment for the incident's own connections — those that must
 * work and those that must stay blocked — so any correct fix passes and "open everything"
 * does not. The connection pane is the learner's to try things; it is not judged.
 */
import { connectionText, INCIDENTS, traceConnection, type Incident } from '../../trace';
import { failOnError } from '../checks';
import { fail, pass, type CheckResult, type Exercise } from '../types';

const words = { delivered: 'delivered', blocked: 'blocked', unknown: 'unknown (something it needs is missing)' } as const;

function check(incident: Incident, environment: string): CheckResult {
  if (environment.trim() === '') return fail('The environment pane is empty (Reset restores the start).');
  const wrong: string[] = [];
  for (const c of incident.cases) {
    const r = traceConnection({ environment, connection: c.connection });
    const err = failOnError(r.diagnostics, 'environment');
    if (err) return err;
    if (r.outcome !== c.want) {
      const at = r.hops.find((h) => h.verdict === 'block' || h.verdict === 'unknown');
      wrong.push(`${c.connection.from} → ${c.connection.to}${c.connection.port ? `:${c.connection.port}` : ''} is ${words[r.outcome]}${at ? ` at ${at.id} (${at.resource})` : ''}; it must be ${c.want}: ${c.because}.`);
    }
  }
  return wrong.length ? fail(wrong[0]!, wrong.slice(1)) : pass(`Every connection behaves as required: ${incident.cases.map((c) => `${c.connection.from} → ${c.connection.to} ${c.want}`).join('; ')}.`);
}

const exercises: Exercise[] = INCIDENTS.map((i) => ({
  id: i.id,
  title: i.title,
  page: 'incidents',
  task: `${i.symptom} Trace it, find what is wrong and fix the environment (edit the az outputs or Kubernetes objects as you would change them in Azure or the cluster) so that: ${i.cases.map((c) => `${c.connection.from} → ${c.connection.to}${c.connection.port ? ` port ${c.connection.port}` : ''} is ${c.want}`).join('; ')}.`,
  tool: 'trace',
  start: { environment: i.start, connection: connectionText(i.cases[0]!.connection) },
  solution: { environment: i.solution, connection: connectionText(i.cases[0]!.connection) },
  hints: i.hints,
  check: (inputs) => check(i, inputs.environment ?? ''),
}));

export default exercises;
