import { describe, expect, it } from 'vitest';
import { tokenizeShell } from '../../../src/lib/azcli/shell';

const words = (t: string) => tokenizeShell(t).map((c) => c.words.map((w) => w.text));

describe('shell tokenizer', () => {
  it('joins backslash continuations into one command and keeps each word position', () => {
    const text = 'az aks create \\\n  --name a \\\n  --service-cidr 10.0.0.0/16\n';
    const cmds = tokenizeShell(text);
    expect(cmds).toHaveLength(1);
    const cidr = cmds[0]!.words.find((w) => w.text === '10.0.0.0/16')!;
    expect([cidr.line, cidr.column, cidr.endColumn]).toEqual([3, 18, 29]);
  });
  it('handles CRLF continuations and PowerShell backticks', () => {
    expect(words('az aks create \\\r\n  --name a\r\n')).toEqual([['az', 'aks', 'create', '--name', 'a']]);
    expect(words('az aks create `\n  --name a\n')).toEqual([['az', 'aks', 'create', '--name', 'a']]);
  });
  it('drops comments, but not # inside words or quotes', () => {
    expect(words('az group create -n rg # make it\n# whole line\necho a#b "c # d"')).toEqual([
      ['az', 'group', 'create', '-n', 'rg'],
      ['echo', 'a#b', 'c # d'],
    ]);
  });
  it('removes quotes and keeps escapes', () => {
    expect(words(`az x --query "[0].id" --name 'my rg' --a "say \\"hi\\""`)).toEqual([['az', 'x', '--query', '[0].id', '--name', 'my rg', '--a', 'say "hi"']]);
  });
  it('keeps variables and substitutions as parts', () => {
    const c = tokenizeShell('az x --id "$SUB/${RG}" --s $(az y --q "a)b")')[0]!;
    expect(c.words[3]!.parts.map((p) => p.kind)).toEqual(['var', 'lit', 'var']);
    expect(c.words[5]!.parts[0]!.kind).toBe('subst');
    expect(c.words[5]!.text).toBe('$(az y --q "a)b")');
  });
  it('splits on ; && || |', () => {
    expect(words('a 1; b 2 && c 3 || d 4 | e 5')).toEqual([['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5']]);
  });
  it("an apostrophe in prose does not swallow the following lines", () => {
    expect(words("Don't forget this step.\naz group create -n rg\n")).toEqual([['Dont forget this step.'], ['az', 'group', 'create', '-n', 'rg']]);
  });
  it('a quoted value of an az command may span lines', () => {
    expect(words('az x --a "1\n2"\naz y')).toEqual([['az', 'x', '--a', '1\n2'], ['az', 'y']]);
  });
});
