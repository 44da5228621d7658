import { describe, expect, it } from 'vitest';
import { h, safeAttr, toHtml } from '../../src/lib/view/h';

describe('views are data', () => {
  it('escapes text and attribute values', () => {
    expect(toHtml(h('p', { title: '"><script>' }, '<img src=x onerror=alert(1)>'))).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
  });
  it('drops event handlers and script URLs', () => {
    expect(safeAttr('onclick', 'x()')).toBeUndefined();
    expect(safeAttr('href', 'javascript:alert(1)')).toBeUndefined();
    expect(safeAttr('href', 'data:text/html,<script>')).toBeUndefined();
    expect(safeAttr('href', 'https://learn.microsoft.com/azure/aks/')).toBe('https://learn.microsoft.com/azure/aks/');
    expect(safeAttr('href', '/tools/cidr/')).toBe('/tools/cidr/');
    expect(toHtml(h('a', { href: 'javascript:alert(1)', onmouseover: 'x' }, 'x'))).toBe('<a>x</a>');
  });
  it('refuses tag and attribute names that are not names', () => {
    expect(toHtml(h('img src=x onerror=alert(1)', null))).toBe('');
    expect(toHtml(h('p', { 'x onerror': 'a' }, 'ok'))).toBe('<p>ok</p>');
  });
});
