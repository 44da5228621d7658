/**
 * The fields of Gateway API v1 objects the API server accepts (apis/v1/*_types.go in
 * kubernetes-sigs/gateway-api), for the shared unknown-field / wrong-type check
 * (k8s/shape.ts). A typo such as `pathprefix` or `backendRef` is an error at its line.
 */
import type { Shape } from '../k8s/shape';

/** The top of every object: the spec is the only part that differs. */
const object = (spec: Shape): Shape => ({
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'any',
    status: 'any',
    spec,
  },
});
const nameValue: Shape = {
  object: { name: 'string', value: 'string' },
  required: ['name', 'value'],
};
const pathModifier: Shape = {
  object: {
    type: 'string',
    replaceFullPath: 'string',
    replacePrefixMatch: 'string',
  },
  required: ['type'],
};
const headerModifier: Shape = {
  object: {
    set: { list: nameValue },
    add: { list: nameValue },
    remove: { list: 'string' },
  },
};
const backendObjectRef: Record<string, Shape> = {
  group: 'string',
  kind: 'string',
  name: 'string',
  namespace: 'string',
  port: 'integer',
};

const filter: Shape = {
  object: {
    type: 'string',
    requestHeaderModifier: headerModifier,
    responseHeaderModifier: headerModifier,
    requestMirror: {
      object: {
        backendRef: { object: backendObjectRef, required: ['name'] },
        percent: 'integer',
        fraction: 'any',
      },
    },
    requestRedirect: {
      object: {
        scheme: 'string',
        hostname: 'string',
        path: pathModifier,
        port: 'integer',
        statusCode: 'integer',
      },
    },
    urlRewrite: { object: { hostname: 'string', path: pathModifier } },
    cors: 'any',
    externalAuth: 'any',
    extensionRef: 'any',
  },
  required: ['type'],
};

const match: Shape = {
  object: {
    path: { object: { type: 'string', value: 'string' } },
    headers: {
      list: {
        object: { type: 'string', name: 'string', value: 'string' },
        required: ['name', 'value'],
      },
    },
    queryParams: {
      list: {
        object: { type: 'string', name: 'string', value: 'string' },
        required: ['name', 'value'],
      },
    },
    method: 'string',
  },
};

export const HTTPROUTE_SHAPE: Shape = object({
  object: {
    parentRefs: {
      list: {
        object: {
          group: 'string',
          kind: 'string',
          namespace: 'string',
          name: 'string',
          sectionName: 'string',
          port: 'integer',
        },
        required: ['name'],
      },
    },
    hostnames: { list: 'string' },
    rules: {
      list: {
        object: {
          name: 'string',
          matches: { list: match },
          filters: { list: filter },
          backendRefs: {
            list: {
              object: {
                ...backendObjectRef,
                weight: 'integer',
                filters: { list: filter },
              },
              required: ['name'],
            },
          },
          timeouts: { object: { request: 'string', backendRequest: 'string' } },
          retry: 'any',
          sessionPersistence: 'any',
        },
      },
    },
  },
});

export const GATEWAY_SHAPE: Shape = object({
  object: {
    gatewayClassName: 'string',
    listeners: {
      list: {
        object: {
          name: 'string',
          hostname: 'string',
          port: 'integer',
          protocol: 'string',
          tls: {
            object: {
              mode: 'string',
              certificateRefs: { list: 'any' },
              frontendValidation: 'any',
              options: 'any',
            },
          },
          allowedRoutes: {
            object: {
              namespaces: { object: { from: 'string', selector: 'any' } },
              kinds: {
                list: {
                  object: { group: 'string', kind: 'string' },
                  required: ['kind'],
                },
              },
            },
          },
        },
        required: ['name', 'port', 'protocol'],
      },
    },
    addresses: 'any',
    infrastructure: 'any',
    backendTLS: 'any',
    allowedListeners: 'any',
    tls: 'any',
    defaultScope: 'any',
  },
  required: ['gatewayClassName', 'listeners'],
});

export const REFERENCEGRANT_SHAPE: Shape = object({
  object: {
    from: {
      list: {
        object: { group: 'string', kind: 'string', namespace: 'string' },
        required: ['group', 'kind', 'namespace'],
      },
    },
    to: {
      list: {
        object: { group: 'string', kind: 'string', name: 'string' },
        required: ['group', 'kind'],
      },
    },
  },
  required: ['from', 'to'],
});
