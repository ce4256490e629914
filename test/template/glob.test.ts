import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob } from '../../src/template/glob.js';
import {
  compileBuildFilter,
  exceptPostProcessor,
  keepBuild,
  skipForSource,
} from '../../src/template/only-except.js';

function matches(pattern: string, text: string): boolean {
  const r = compileGlob(pattern);
  if (!r.ok) throw new Error(`${pattern}: ${r.error}`);
  return r.glob.match(text);
}

test("glob matching as gobwas/glob without separators (Packer's -only/-except)", () => {
  const table: [string, string, boolean][] = [
    ['*', 'recipes.null.lasagna', true],
    ['*', '', true],
    ['**', 'a.b.c', true],
    ['null.*', 'null.base', true],
    ['null.*', 'null.a.b', true],
    ['null.*', 'nul.base', false],
    ['*.lasagna', 'recipes.null.lasagna', true],
    ['*.lasagna', 'recipes.null.lasagna2', false],
    ['recipes.null.?asagna', 'recipes.null.lasagna', true],
    ['?', 'é', true],
    ['?', 'ab', false],
    ['[abc]*', 'apple', true],
    ['[abc]*', 'dog', false],
    ['[!abc]*', 'dog', true],
    ['[!abc]*', 'apple', false],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[!a-c]x', 'dx', true],
    ['{null,qemu}.*', 'qemu.a', true],
    ['{null,qemu}.*', 'vbox.a', false],
    ['a{b,{c,d}}', 'ad', true],
    ['a{b,}', 'a', true],
    ['{a,b', 'b', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a.b', 'axb', false],
    ['(a)+|b', '(a)+|b', true],
    ['x,y}', 'x,y}', true],
    ['amazon-ebs.*', 'amazon-ebs.ubuntu-16.04', true],
    ['[.]', '.', true],
    ['[-]', '-', true],
    ['[\\]]', ']', true],
  ];
  for (const [pattern, text, want] of table) {
    assert.equal(matches(pattern, text), want, `${pattern} ~ ${text}`);
  }
});

test("glob compile errors carry gobwas's messages (checked against packer validate -only)", () => {
  const table: [string, string][] = [
    ['[', 'unexpected end of input'],
    ['[ab', 'unexpected end of input'],
    ['[a-', 'unexpected end of input'],
    ['[]', 'could not parse range'],
    ['[z-a]', "hi character 'a' should be greater than lo 'z'"],
    ['[a-bc]', 'expected close range character'],
  ];
  for (const [pattern, error] of table) {
    assert.deepEqual(compileGlob(pattern), { ok: false, error }, pattern);
  }
});

test('-only keeps builds some pattern matches; -except drops any match', () => {
  const names = ['null.tiramisu', 'recipes.null.spaghetti_carbonara', 'recipes.null.lasagna'];
  const kept = (only: string[], except: string[]) => {
    const { filter, diags } = compileBuildFilter(only, except);
    assert.deepEqual(diags, []);
    return names.filter((n) => keepBuild(filter, n));
  };
  assert.deepEqual(kept([], []), names);
  assert.deepEqual(kept(['recipes.*'], []), names.slice(1));
  assert.deepEqual(kept(['null.tiramisu', '*.lasagna'], []), ['null.tiramisu', 'recipes.null.lasagna']);
  assert.deepEqual(kept([], ['*.lasagna']), names.slice(0, 2));
  assert.deepEqual(kept(['recipes.*'], ['*.lasagna']), ['recipes.null.spaghetti_carbonara']);
  assert.deepEqual(kept(['null.*'], []), ['null.tiramisu'], '"*" spans dots, but the prefix must match');
});

test('invalid patterns: Packer\'s "Invalid -only pattern …" diagnostics, one per pattern', () => {
  const { diags } = compileBuildFilter(['[', 'ok'], ['[z-a]']);
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary]),
    [
      ['error', 'Invalid -only pattern [: unexpected end of input'],
      ['error', "Invalid -except pattern [z-a]: hi character 'a' should be greater than lo 'z'"],
    ],
  );
});

test('-except names post-processors by name, else by type', () => {
  const { filter } = compileBuildFilter([], ['manifest', 'cook*']);
  assert.equal(exceptPostProcessor(filter, { type: 'manifest' }), true);
  assert.equal(exceptPostProcessor(filter, { type: 'manifest', name: 'keep' }), false);
  assert.equal(exceptPostProcessor(filter, { type: 'shell-local', name: 'cooking' }), true);
});

test('block-level only/except compare exact source names (no globs)', () => {
  assert.equal(skipForSource({ only: ['null.a'], except: [] }, 'null.a'), false);
  assert.equal(skipForSource({ only: ['null.a'], except: [] }, 'null.b'), true);
  assert.equal(skipForSource({ only: ['null.*'], except: [] }, 'null.a'), true);
  assert.equal(skipForSource({ only: [], except: ['null.a'] }, 'null.a'), true);
  assert.equal(skipForSource({ only: [], except: ['null.a'] }, 'null.b'), false);
  assert.equal(skipForSource({ only: [], except: [] }, 'null.b'), false);
});
