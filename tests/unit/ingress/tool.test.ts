/** The Ingress and Service Playground declarations: request parsing and the views' key facts. */
import { describe, expect, it } from 'vitest';
import ingressTool, { parseRequestText } from '../../../src/components/tools/ingress';
import serviceTool from '../../../src/components/tools/service';
import { toText } from '../../../src/lib/view/h';

describe('request pane', () => {
  it('reads a URL, a method, a missing scheme and a class line', () => {
    expect(parseRequestText('https://myapp.com/blog/x').request).toEqual({ scheme: 'https', host: 'myapp.com', path: '/blog/x' });
    expect(parseRequestText('GET myapp.com\nclass: nginx').request).toEqual({ scheme: 'http', host: 'myapp.com', path: '/', className: 'nginx' });
    expect(parseRequestText('').diagnostics.map((d) => d.code)).toEqual(['missing-request']);
    expect(parseRequestText('a b c').diagnostics.map((d) => d.code)).toEqual(['invalid-request']);
  });
});

describe('ingress tool', () => {
  it('changing the request path changes the backend, and the chosen row is marked', () => {
    const blog = ingressTool.run({ ...ingressTool.example, request: 'https://myapp.com/blog/x' });
    const api = ingressTool.run({ ...ingressTool.example, request: 'https://myapp.com/api/v1' });
    expect(blog.summary).toContain('Service blog');
    expect(api.summary).toContain('Service api');
    expect(toText(api.view)).toContain('✔ chosen');
  });
  it('puts manifest diagnostics on the manifests pane and request ones on the request pane', () => {
    const r = ingressTool.run({ manifests: 'kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: x}\nspec: {}', request: 'x.com/\nnonsense line' });
    expect(r.diagnostics.find((d) => d.code === 'ingress-empty-spec')?.input).toBe('manifests');
    expect(r.diagnostics.find((d) => d.code === 'extra-request-line')?.input).toBe('request');
  });
});

describe('service tool', () => {
  it('shows endpoints and an exposure diagram with a title', () => {
    const r = serviceTool.run(serviceTool.example);
    expect(r.summary).toBe('default/web: LoadBalancer (internal), 1 endpoint');
    const text = toText(r.view);
    expect(text).toContain('How traffic reaches default/web');
    expect(text).toContain('8080');
  });
});
