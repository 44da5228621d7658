import { describe, expect, it } from 'vitest';
import { parseYamlDocuments, parseYamlValue } from '../../src/lib/yaml';

describe('YAML with positions', () => {
  const text = [
    'apiVersion: v1', //1
    'kind: Pod', //2
    'metadata:', //3
    '  name: web  # a comment', //4
    '  labels:', //5
    '    app: web', //6
    'spec:', //7
    '  containers:', //8
    '  - name: c', //9
    '    ports:', //10
    '    - containerPort: 80', //11
    '      name: http', //12
    '  empty:', //13
    '  after: 1', //14
    '---', //15
    'kind: Namespace', //16
    'metadata: {name: prod, labels: {team: a}}', //17
  ].join('\n');
  const { documents, diagnostics } = parseYamlDocuments(text);
  it('reads every document', () => {
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(2);
    expect(documents[1]!.line).toBe(15);
  });
  it('locates values and keys', () => {
    const d = documents[0]!;
    expect(d.at(['metadata', 'name'])).toMatchObject({ line: 4, column: 9 });
    expect(d.keyAt(['metadata', 'labels'])).toMatchObject({ line: 5, column: 3 });
    expect(d.at(['metadata', 'labels', 'app'])).toMatchObject({ line: 6, column: 10 });
    expect(d.at(['spec', 'containers', 0, 'ports', 0, 'name'])).toMatchObject({ line: 12, column: 13 });
    expect(d.keyAt(['spec', 'containers', 0, 'ports', 0, 'containerPort'])).toMatchObject({ line: 11, column: 7 });
    expect(d.keyAt(['spec', 'empty'])).toMatchObject({ line: 13, column: 3 });
    expect(d.at(['spec', 'after'])).toMatchObject({ line: 14, column: 10 });
    expect(d.has(['spec', 'nothing'])).toBe(false);
    expect(d.at(['spec', 'nothing'])).toMatchObject({ line: 7 });
  });
  it('locates inside flow mappings', () => {
    const d = documents[1]!;
    expect(d.at(['metadata', 'labels', 'team'])).toMatchObject({ line: 17, column: 39 });
  });
  it('reports syntax errors at their line and keeps other documents', () => {
    const r = parseYamlDocuments('a: 1\n---\nb: [1,\n---\nc: 3\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml-syntax' });
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
  });
  it('refuses alias bombs, deep nesting and huge input without throwing', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    expect(parseYamlDocuments(bomb.join('\n')).diagnostics[0]?.code).toBe('yaml-alias-bomb');
    expect(parseYamlDocuments('['.repeat(10000) + ']'.repeat(10000)).diagnostics[0]?.code).toBe('yaml-too-deep');
    expect(parseYamlDocuments('a'.repeat(3_000_000)).diagnostics[0]?.code).toBe('input-too-large');
  });
  it('reads JSON with positions', () => {
    const r = parseYamlValue('{\n  "rules": [\n    {"name": "a", "priority": 100}\n  ]\n}');
    expect(r.diagnostics).toEqual([]);
    expect(r.document!.at(['rules', 0, 'priority'])).toMatchObject({ line: 3, column: 31 });
  });
});
