/** Builds manifest texts for the Ingress tests. JSON is YAML, so objects are written as JSON. */
export type Obj = Record<string, unknown>;

export const manifestText = (...docs: Obj[]): string => docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n');

export const svcBackend = (name: string, port: number | string = 80): Obj => ({
  service: { name, port: typeof port === 'number' ? { number: port } : { name: port } },
});

export function ingress(name: string, spec: Obj, annotations?: Record<string, string>): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, ...(annotations ? { annotations } : {}) }, spec };
}

/** One rule (optionally with a host) whose paths route to svc-0, svc-1, … in order. */
export function pathsIngress(paths: { path?: string; pathType?: string | null }[], opts: { host?: string; defaultBackend?: boolean; annotations?: Record<string, string>; name?: string } = {}): Obj {
  return ingress(
    opts.name ?? 'test',
    {
      ...(opts.defaultBackend ? { defaultBackend: svcBackend('default-svc') } : {}),
      rules: [
        {
          ...(opts.host ? { host: opts.host } : {}),
          http: {
            paths: paths.map((p, i) => ({
              ...(p.path !== undefined ? { path: p.path } : {}),
              ...(p.pathType !== undefined && p.pathType !== null ? { pathType: p.pathType } : {}),
              backend: svcBackend(`svc-${i}`),
            })),
          },
        },
      ],
    },
    opts.annotations,
  );
}

export const propertyRuns = (): number => {
  const n = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : 100;
};
