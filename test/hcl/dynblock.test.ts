import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/hcl/diagnostics.js';
import { dynamicBlockVariables, expandDynamicBlocks, isUnknownBody } from '../../src/hcl/dynblock.js';
import { rootContext } from '../../src/hcl/eval-context.js';
import { packerFunctions } from '../../src/hcl/functions/registry.js';
import type { BodySchema, EvalContext, HclBlock, HclBody } from '../../src/hcl/hcl.js';
import { parseHclFile } from '../../src/hcl/parse.js';
import type { Range } from '../../src/hcl/pos.js';
import { traversalRootName } from '../../src/hcl/traversal.js';
import { mapOf, StringType } from '../../src/hcl/types.js';
import type { Value } from '../../src/hcl/value.js';
import {
  markValue,
  marksOf,
  setVal,
  stringVal,
  unknownVal,
  valueFromJs,
  valueToJs,
} from '../../src/hcl/values.js';
import { templatesDir } from './corpus-files.js';

function parse(src: string, filename = 'test.hcl'): HclBody {
  const { file, diags } = parseHclFile(src, filename);
  assert.deepEqual(diags, [], 'the test source parses');
  return file.body;
}

function expand(src: string, ctx?: EvalContext, filename?: string): HclBody {
  return expandDynamicBlocks(parse(src, filename), ctx);
}

/** The attribute values of a body, evaluated with `ctx`, as plain JS. */
function attrs(body: HclBody, names: string[], ctx?: EvalContext): Record<string, unknown> {
  const { content, diags } = body.content({ attributes: names.map((name) => ({ name })) });
  assert.deepEqual(diags, []);
  const out: Record<string, unknown> = {};
  for (const [name, attr] of content.attributes) {
    const r = attr.expr.value(ctx);
    assert.deepEqual(r.diags, []);
    out[name] = valueToJs(r.value);
  }
  return out;
}

function summaries(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.summary}: ${d.detail}`);
}

function at(r: Range | undefined): string {
  return r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : 'none';
}

function blocksOf(body: HclBody, schema: BodySchema): { blocks: readonly HclBlock[]; diags: Diagnostic[] } {
  const { content, diags } = body.content(schema);
  return { blocks: content.blocks, diags };
}

// The cases of HCL's ext/dynblock expand_body_test.go, written as native syntax instead of mock bodies.
describe('expandDynamicBlocks: HCL expand_body_test cases', () => {
  const src = `
a "static0" { val = "static a 0" }
b {
  c { val0 = "static c 0" }
  dynamic "c" {
    for_each = ["dynamic c 0", "dynamic c 1"]
    iterator = dyn_c
    content { val0 = dyn_c.value }
  }
}
dynamic "a" {
  for_each = ["dynamic a 0", "dynamic a 1", "dynamic a 2"]
  labels   = [a.key]
  content { val = a.value }
}
dynamic "b" {
  for_each = ["dynamic b 0", "dynamic b 1"]
  iterator = dyn_b
  content {
    c {
      val0 = "static c 1"
      val1 = dyn_b.value
    }
    dynamic "c" {
      for_each = ["dynamic c 2", "dynamic c 3"]
      content {
        val0 = c.value
        val1 = dyn_b.value
      }
    }
  }
}
dynamic "b" {
  for_each = { foo = ["dynamic c nested 0", "dynamic c nested 1"] }
  iterator = dyn_b
  content {
    dynamic "c" {
      for_each = dyn_b.value
      content {
        val0 = c.value
        val1 = dyn_b.key
      }
    }
  }
}
a "static1" { val = "static a 1" }
`;

  it('partial decode takes the `a` blocks, then the remaining body decodes the nested `b`/`c` blocks', () => {
    const body = expand(src);
    const first = body.partialContent({ blocks: [{ type: 'a', labelNames: ['key'] }] });
    assert.deepEqual(first.diags, []);
    const as = first.content.blocks.map((b) => [b.labels[0], attrs(b.body, ['val']).val]);
    assert.deepEqual(as, [
      ['static0', 'static a 0'],
      ['0', 'dynamic a 0'],
      ['1', 'dynamic a 1'],
      ['2', 'dynamic a 2'],
      ['static1', 'static a 1'],
    ]);

    const rest = first.remain.content({ blocks: [{ type: 'b' }] });
    assert.deepEqual(rest.diags, []);
    const bs = rest.content.blocks.map((b) => {
      const { blocks, diags } = blocksOf(b.body, { blocks: [{ type: 'c' }] });
      assert.deepEqual(diags, []);
      return blocks.map((c) => attrs(c.body, ['val0', 'val1']));
    });
    assert.deepEqual(bs, [
      [{ val0: 'static c 0' }, { val0: 'dynamic c 0' }, { val0: 'dynamic c 1' }],
      [
        { val0: 'static c 1', val1: 'dynamic b 0' },
        { val0: 'dynamic c 2', val1: 'dynamic b 0' },
        { val0: 'dynamic c 3', val1: 'dynamic b 0' },
      ],
      [
        { val0: 'static c 1', val1: 'dynamic b 1' },
        { val0: 'dynamic c 2', val1: 'dynamic b 1' },
        { val0: 'dynamic c 3', val1: 'dynamic b 1' },
      ],
      [
        { val0: 'dynamic c nested 0', val1: 'foo' },
        { val0: 'dynamic c nested 1', val1: 'foo' },
      ],
    ]);
  });

  it('the remaining body no longer offers what was consumed', () => {
    const first = expand(src).partialContent({ blocks: [{ type: 'a', labelNames: ['key'] }] });
    const again = first.remain.partialContent({
      blocks: [{ type: 'a', labelNames: ['key'] }, { type: 'b' }],
    });
    assert.deepEqual(again.diags, []);
    assert.deepEqual(
      again.content.blocks.map((b) => b.type),
      ['b', 'b', 'b', 'b'],
    );
  });

  it('a for_each check hook sees the marked value and the expand context, and its error skips the block', () => {
    const ctx = rootContext({ m: markValue(valueFromJs({}), 'boop') });
    const seen: { value?: Value; ctx?: EvalContext } = {};
    const body = expandDynamicBlocks(parse('dynamic "foo" {\n  for_each = m\n  content {}\n}\n'), ctx, {
      checkForEach: [
        (value, expr, c) => {
          seen.value = value;
          seen.ctx = c;
          return [
            { severity: 'error', summary: 'Bad for_each', detail: "I don't like it.", subject: expr.range },
          ];
        },
      ],
    });
    const { blocks, diags } = blocksOf(body, { blocks: [{ type: 'foo' }] });
    assert.deepEqual(summaries(diags), ["Bad for_each: I don't like it."]);
    assert.equal(blocks.length, 0);
    assert.ok(seen.value && marksOf(seen.value).has('boop'));
    assert.equal(seen.ctx, ctx);
  });

  describe('unknown for_each: one block whose attributes are all unknown', () => {
    const unknownSrc = `
dynamic "list" {
  for_each = unknown_map
  content { val = each.value }
}
dynamic "map" {
  for_each = unknown_map
  labels   = ["static"]
  content { val = each.value }
}
dynamic "invalid_list" {
  for_each = unknown_map
  content {
    val     = each.value
    invalid = "static"
  }
}
`;
    const ctx = rootContext({ unknown_map: unknownVal(mapOf(StringType)) });

    it('stands in for the blocks with an unknown body (no error for the unbound `each`)', () => {
      const { blocks, diags } = blocksOf(expand(unknownSrc, ctx), {
        blocks: [{ type: 'list' }, { type: 'map', labelNames: ['key'] }, { type: 'invalid_list' }],
      });
      assert.deepEqual(diags, []);
      assert.deepEqual(
        blocks.map((b) => [b.type, b.labels]),
        [
          ['list', []],
          ['map', ['static']],
          ['invalid_list', []],
        ],
      );
      assert.ok(blocks.every((b) => isUnknownBody(b.body)));
      const { content, diags: valDiags } = blocks[0]!.body.content({ attributes: [{ name: 'val' }] });
      assert.deepEqual(valDiags, []);
      const val = content.attributes.get('val')!.expr.value(undefined);
      assert.equal(val.value.state, 'unknown');
      assert.equal(val.value.type.kind, 'dynamic');
    });

    it('still reports arguments the schema does not allow', () => {
      const { blocks } = blocksOf(expand(unknownSrc, ctx), { blocks: [{ type: 'invalid_list' }] });
      const { diags } = blocks[0]!.body.content({ attributes: [{ name: 'val' }] });
      assert.deepEqual(
        diags.map((d) => [d.summary, at(d.subject)]),
        [['Unsupported argument', '15:5-15:12']],
      );
    });
  });

  it('a marked for_each marks everything the generated blocks produce', () => {
    const ctx = rootContext({ items: markValue(valueFromJs(['hey']), 'boop') });
    const src2 = `dynamic "b" {
  for_each = items
  iterator = dyn_b
  content {
    val0 = "static c 1"
    val1 = dyn_b.value
  }
}`;
    const { blocks } = blocksOf(expand(src2, ctx), { blocks: [{ type: 'b' }] });
    assert.equal(blocks.length, 1);
    const { content } = blocks[0]!.body.content({ attributes: [{ name: 'val0' }, { name: 'val1' }] });
    for (const name of ['val0', 'val1']) {
      const v = content.attributes.get(name)!.expr.value(undefined).value;
      assert.ok(marksOf(v).has('boop'), `${name} is marked`);
    }
  });

  it('an iterator that is not a variable name is an invalid expression (one diagnostic)', () => {
    const src2 = `dynamic "b" {
  for_each = ["dynamic b 0", "dynamic b 1"]
  iterator = "dyn_b"
  content {
    c { val0 = dyn_b.value }
  }
}`;
    const { blocks, diags } = blocksOf(expand(src2), { blocks: [{ type: 'b' }] });
    assert.equal(blocks.length, 0);
    assert.deepEqual(
      diags.map((d) => [d.summary, at(d.subject)]),
      [['Invalid expression', '3:14-3:21']],
    );
  });
});

describe('expandDynamicBlocks: diagnostics with exact ranges', () => {
  const schema: BodySchema = { blocks: [{ type: 'plain' }, { type: 'labelled', labelNames: ['name'] }] };
  const cases: { name: string; src: string; want: [string, string][] }[] = [
    {
      name: 'for_each of a number',
      src: 'dynamic "plain" {\n  for_each = 5\n  content {}\n}\n',
      want: [
        [
          'Invalid dynamic for_each value: Cannot use a number value in for_each. An iterable collection is required.',
          '2:14-2:15',
        ],
      ],
    },
    {
      name: 'for_each of a string',
      src: 'dynamic "plain" {\n  for_each = "abc"\n  content {}\n}\n',
      want: [
        [
          'Invalid dynamic for_each value: Cannot use a string value in for_each. An iterable collection is required.',
          '2:14-2:19',
        ],
      ],
    },
    {
      name: 'null for_each',
      src: 'dynamic "plain" {\n  for_each = null\n  content {}\n}\n',
      want: [['Invalid dynamic for_each value: Cannot use a null value in for_each.', '2:14-2:18']],
    },
    {
      name: 'missing for_each',
      src: 'dynamic "plain" {\n  content {}\n}\n',
      want: [
        [
          'Missing required argument: The argument "for_each" is required, but no definition was found.',
          '1:17-1:17',
        ],
      ],
    },
    {
      name: 'an argument the dynamic block does not take',
      src: 'dynamic "plain" {\n  for_each = [1]\n  foo = 1\n  content {}\n}\n',
      want: [['Unsupported argument: An argument named "foo" is not expected here.', '3:3-3:6']],
    },
    {
      name: 'labels on a block type without labels',
      src: 'dynamic "plain" {\n  for_each = [1]\n  labels = ["x"]\n  content {}\n}\n',
      want: [['Unsupported argument: An argument named "labels" is not expected here.', '3:3-3:9']],
    },
    {
      name: 'labels missing for a block type with labels',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  content {}\n}\n',
      want: [
        [
          'Missing required argument: The argument "labels" is required, but no definition was found.',
          '1:20-1:20',
        ],
      ],
    },
    {
      name: 'too many labels',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  labels = ["a", "b"]\n  content {}\n}\n',
      want: [['Extraneous dynamic block label: Blocks of type "labelled" require 1 label(s).', '3:18-3:21']],
    },
    {
      name: 'too few labels',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  labels = []\n  content {}\n}\n',
      want: [
        ['Insufficient dynamic block labels: Blocks of type "labelled" require 1 label(s).', '3:12-3:14'],
      ],
    },
    {
      name: 'labels not a static list',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  labels = concat(["a"])\n  content {}\n}\n',
      want: [['Invalid expression: A static list expression is required.', '3:12-3:19']],
    },
    {
      name: 'a null label',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  labels = [null]\n  content {}\n}\n',
      want: [['Invalid dynamic block label: Cannot use a null value as a dynamic block label.', '3:13-3:17']],
    },
    {
      name: 'a label that is not a string',
      src: 'dynamic "labelled" {\n  for_each = [1]\n  labels = [[1]]\n  content {}\n}\n',
      want: [
        [
          'Invalid dynamic block label: Cannot use this value as a dynamic block label: string required.',
          '3:13-3:16',
        ],
      ],
    },
    {
      name: 'no content block',
      src: 'dynamic "plain" {\n  for_each = [1]\n}\n',
      want: [
        [
          'Missing dynamic content block: A dynamic block must have a nested block of type "content" to describe the body of each generated block.',
          '1:17-1:17',
        ],
      ],
    },
    {
      name: 'two content blocks',
      src: 'dynamic "plain" {\n  for_each = [1]\n  content {}\n  content {}\n}\n',
      want: [
        [
          'Extraneous dynamic content block: Only one nested content block is allowed for each dynamic block.',
          '4:3-4:10',
        ],
      ],
    },
    {
      name: 'an iterator with attribute steps',
      src: 'dynamic "plain" {\n  for_each = [1]\n  iterator = it.x\n  content {}\n}\n',
      want: [
        ['Invalid dynamic iterator name: Dynamic iterator must be a single variable name.', '3:14-3:18'],
      ],
    },
    {
      name: 'a dynamic block of a type the schema does not have',
      src: 'dynamic "nope" {\n  for_each = [1]\n  content {}\n}\n',
      want: [['Unsupported block type: Blocks of type "nope" are not expected here.', '1:9-1:15']],
    },
    {
      name: 'a for_each error from evaluation',
      src: 'dynamic "plain" {\n  for_each = var.missing\n  content {}\n}\n',
      want: [['Unknown variable: There is no variable named "var".', '2:14-2:17']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { blocks, diags } = blocksOf(expand(c.src, rootContext({})), schema);
      assert.equal(blocks.length, 0);
      assert.deepEqual(
        diags.map((d) => [`${d.summary}: ${d.detail}`, at(d.subject)]),
        c.want,
      );
    });
  }

  it('partialContent ignores dynamic blocks of types it was not asked for', () => {
    const body = expand('dynamic "nope" {\n  for_each = [1]\n  content {}\n}\n');
    const { content, diags } = body.partialContent(schema);
    assert.deepEqual(diags, []);
    assert.equal(content.blocks.length, 0);
  });

  it('an unknown label value is an error, reported once per generated block', () => {
    const ctx = rootContext({ u: unknownVal(StringType) });
    const src = 'dynamic "labelled" {\n  for_each = [1, 2]\n  labels = [u]\n  content {}\n}\n';
    const { blocks, diags } = blocksOf(expand(src, ctx), schema);
    assert.equal(blocks.length, 0);
    assert.deepEqual(summaries(diags), [
      'Invalid dynamic block label: This value is not yet known. Dynamic block labels must be immediately-known values.',
      'Invalid dynamic block label: This value is not yet known. Dynamic block labels must be immediately-known values.',
    ]);
  });
});

describe('expandDynamicBlocks: iteration', () => {
  it('iterates lists by index, maps and objects by key (lexical order), sets by element', () => {
    const src = `
dynamic "x" {
  for_each = ["p", "q"]
  content {
    k = x.key
    v = x.value
  }
}
dynamic "x" {
  for_each = { b = 2, a = 1 }
  content {
    k = x.key
    v = x.value
  }
}
dynamic "x" {
  for_each = a_set
  content {
    k = x.key
    v = x.value
  }
}`;
    const ctx = rootContext({ a_set: setVal([stringVal('s')]) });
    const { blocks, diags } = blocksOf(expand(src, ctx), { blocks: [{ type: 'x' }] });
    assert.deepEqual(diags, []);
    assert.deepEqual(
      blocks.map((b) => attrs(b.body, ['k', 'v'])),
      [
        { k: 0, v: 'p' },
        { k: 1, v: 'q' },
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
        { k: 's', v: 's' },
      ],
    );
  });

  it('content expressions see the iterator even when evaluated with the caller’s own context', () => {
    const src = 'dynamic "x" {\n  for_each = [var.a]\n  content { v = "${x.value}-${var.b}" }\n}\n';
    const expandCtx = rootContext({ var: valueFromJs({ a: 'A' }) });
    const laterCtx = rootContext({ var: valueFromJs({ b: 'B' }) });
    const { blocks } = blocksOf(expand(src, expandCtx), { blocks: [{ type: 'x' }] });
    assert.deepEqual(attrs(blocks[0]!.body, ['v'], laterCtx), { v: 'A-B' });
  });

  it('an iterator shadows a context variable of the same name only inside its content', () => {
    const src = `outer {
  dynamic "source" {
    for_each = ["it"]
    content { v = source.value }
  }
  w = source.name
}`;
    const ctx = rootContext({ source: valueFromJs({ name: 'ctx' }) });
    const body = expand(src, ctx);
    const { content } = body.content({ blocks: [{ type: 'outer' }] });
    const outer = content.blocks[0]!.body.content({
      attributes: [{ name: 'w' }],
      blocks: [{ type: 'source' }],
    });
    assert.deepEqual(outer.diags, []);
    assert.equal(valueToJs(outer.content.attributes.get('w')!.expr.value(ctx).value), 'ctx');
    assert.deepEqual(attrs(outer.content.blocks[0]!.body, ['v'], ctx), { v: 'it' });
  });

  it('static-list elements of content attributes keep the iterator', () => {
    const src = 'dynamic "x" {\n  for_each = ["a"]\n  content { l = [x.value, "b"] }\n}\n';
    const { blocks } = blocksOf(expand(src), { blocks: [{ type: 'x' }] });
    const { content } = blocks[0]!.body.content({ attributes: [{ name: 'l' }] });
    const list = content.attributes.get('l')!.expr.staticList()!;
    assert.deepEqual(
      list.map((e) => valueToJs(e.value(undefined).value)),
      ['a', 'b'],
    );
  });

  it('works in the JSON syntax', () => {
    const src = JSON.stringify({
      dynamic: { tag: { for_each: '${["k1", "k2"]}', content: { key: '${tag.value}' } } },
    });
    const ctx = rootContext({});
    const body = expand(src, ctx, 'test.json');
    const { blocks, diags } = blocksOf(body, { blocks: [{ type: 'tag' }] });
    assert.deepEqual(diags, []);
    assert.deepEqual(
      blocks.map((b) => attrs(b.body, ['key'], ctx)),
      [{ key: 'k1' }, { key: 'k2' }],
    );
  });
});

describe('dynamicBlockVariables', () => {
  it('finds references in for_each, labels and content, leaving out the iterators', () => {
    const src = `
top = var.t
dynamic "a" {
  for_each = var.list
  labels   = [local.prefix, a.key]
  content {
    x = a.value
    dynamic "b" {
      for_each = a.value
      iterator = it
      content { y = "\${it.value}\${a.key}\${var.inner}" }
    }
  }
}`;
    const schema: BodySchema = {
      attributes: [{ name: 'top' }],
      blocks: [{ type: 'a', labelNames: ['p', 'q'] }],
    };
    const schemas: Record<string, BodySchema> = {
      a: { attributes: [{ name: 'x' }], blocks: [{ type: 'b' }] },
      b: { attributes: [{ name: 'y' }] },
    };
    const show = (ts: ReturnType<typeof dynamicBlockVariables>) =>
      ts.map((t) => t.map((s) => ('name' in s ? s.name : '?')).join('.'));
    const body = parse(src);
    assert.deepEqual(show(dynamicBlockVariables(body, schema, (t) => schemas[t])), [
      'var.t',
      'var.list',
      'local.prefix',
      'var.inner',
    ]);
    assert.deepEqual(show(dynamicBlockVariables(body, schema, (t) => schemas[t], { expandOnly: true })), [
      'var.list',
      'local.prefix',
    ]);
    assert.ok(
      dynamicBlockVariables(body, schema, () => undefined).every((t) => traversalRootName(t) !== 'a'),
    );
  });
});

describe('expandDynamicBlocks: corpus templates', () => {
  const read = (name: string) => parseHclFile(readFileSync(join(templatesDir, name), 'utf8'), name);

  it('hcl2template complete: nested dynamic "tag" in a source’s nested_slice', () => {
    const { file, diags } = read('hashicorp__packer/hcl2template__testdata__complete__sources.pkr.hcl');
    assert.deepEqual(diags, []);
    const ctx = rootContext({
      local: valueFromJs({ standard_tags: { Component: 'user-service', Environment: 'production' } }),
    });
    const body = expandDynamicBlocks(file.body, ctx);
    const { content } = body.partialContent({ blocks: [{ type: 'source', labelNames: ['type', 'name'] }] });
    const ebs = content.blocks.find((b) => b.labels[0] === 'amazon-ebs')!;
    const src = ebs.body.partialContent({ blocks: [{ type: 'nested_slice' }] });
    assert.deepEqual(src.diags, []);
    const nested = src.content.blocks[0]!.body.content({ blocks: [{ type: 'tag' }] });
    assert.deepEqual(nested.diags, []);
    assert.deepEqual(
      nested.content.blocks.map((b) => attrs(b.body, ['key', 'value'], ctx)),
      [
        { key: 'Component', value: 'user-service' },
        { key: 'Environment', value: 'production' },
      ],
    );
  });

  it('command/test-fixtures/hcl/dynamic: dynamic source and provisioner with labels', () => {
    const { file, diags } = read('hashicorp__packer/command__test-fixtures__hcl__dynamic__build.pkr.hcl');
    assert.deepEqual(diags, []);
    const vars = {
      var: valueFromJs({
        images: {
          dummy: { image: 'dummy', layers: ['base/main'] },
          postgres: { image: 'postgres/13', layers: ['base/main', 'base/init', 'postgres'] },
        },
      }),
      local: valueFromJs({ files: { foo: { destination: 'fooo' }, bar: { destination: 'baar' } } }),
    };
    const fns = packerFunctions({ baseDir: templatesDir });
    const ctx = rootContext(vars, fns);
    const body = expandDynamicBlocks(file.body, ctx);
    const top = body.partialContent({ blocks: [{ type: 'build' }] });
    assert.deepEqual(top.diags, []);
    const build = top.content.blocks[0]!.body.content({
      blocks: [
        { type: 'source', labelNames: ['reference'] },
        { type: 'provisioner', labelNames: ['type'] },
      ],
    });
    assert.deepEqual(build.diags, []);
    const sources = build.content.blocks.filter((b) => b.type === 'source');
    const provisioners = build.content.blocks.filter((b) => b.type === 'provisioner');
    assert.deepEqual(
      sources.map((s) => [s.labels[0], attrs(s.body, ['name', 'target', 'content'], ctx)]),
      [
        ['file.base', { name: 'dummy', target: 'dummy.txt', content: 'layers/base/main/files' }],
        [
          'file.base',
          {
            name: 'postgres',
            target: 'postgres/13.txt',
            content: 'layers/base/main/files\nlayers/base/init/files\nlayers/postgres/files',
          },
        ],
      ],
    );
    // Provisioners are evaluated per source, with `source.name` contextual.
    const perSource = rootContext({ ...vars, source: valueFromJs({ name: 'postgres', type: 'file' }) }, fns);
    assert.deepEqual(
      provisioners.map((p) => [p.labels[0], attrs(p.body, ['inline'], perSource)]),
      [
        ['shell-local', { inline: ["echo '' > postgres/13-baar.txt"] }],
        ['shell-local', { inline: ["echo '' > postgres/13-fooo.txt"] }],
      ],
    );
  });

  it('gusztavvargadr build.vagrant: dynamic "post-processors" makes zero or one chain', () => {
    const { file, diags } = read('gusztavvargadr__packer/src__ubuntu__build.vagrant.pkr.hcl');
    assert.deepEqual(diags, []);
    const chainsFor = (boxAlias: string) => {
      const local = valueFromJs({ vagrant_options: { box_alias: boxAlias }, image_author: 'me' });
      const ctx = rootContext({ local }, packerFunctions({ baseDir: templatesDir }));
      const body = expandDynamicBlocks(file.body, ctx);
      const top = body.partialContent({ blocks: [{ type: 'build' }] });
      const publish = top.content.blocks.find((b) => {
        const n = b.body.partialContent({ attributes: [{ name: 'name' }] }).content.attributes.get('name');
        return n && valueToJs(n.expr.value(ctx).value) === 'vagrant-publish';
      })!;
      const { content, diags } = publish.body.partialContent({ blocks: [{ type: 'post-processors' }] });
      assert.deepEqual(diags, []);
      return content.blocks.map((chain) => {
        const pps = chain.body.content({ blocks: [{ type: 'post-processor', labelNames: ['type'] }] });
        assert.deepEqual(pps.diags, []);
        return pps.content.blocks.map((pp) => {
          const attrs = pp.body.partialContent({ attributes: [{ name: 'box_tag' }] }).content.attributes;
          return { type: pp.labels[0], boxTag: attrs.get('box_tag'), ctx };
        });
      });
    };
    assert.deepEqual(
      chainsFor('').map((chain) => chain.map((pp) => pp.type)),
      [['artifice', 'vagrant-registry']],
    );
    const two = chainsFor('alias');
    assert.deepEqual(
      two.map((chain) => chain.map((pp) => pp.type)),
      [
        ['artifice', 'vagrant-registry'],
        ['artifice', 'vagrant-registry'],
      ],
    );
    // The generated chain's box_tag uses the iterator `post-processors.value`.
    const generated = two[1]![1]!;
    assert.equal(valueToJs(generated.boxTag!.expr.value(generated.ctx).value), 'me/alias');
  });

  it('vmware linux-ubuntu: `for_each = cond ? [1] : []` switches a block on and off', () => {
    const { file, diags } = read(
      'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__linux-ubuntu.pkr.hcl',
    );
    assert.deepEqual(diags, []);
    const exportsFor = (enabled: boolean) => {
      const ctx = rootContext({
        var: valueFromJs({
          common_ovf_export_enabled: enabled,
          common_content_library_enabled: false,
          common_hcp_packer_registry_enabled: false,
        }),
      });
      const body = expandDynamicBlocks(file.body, ctx);
      const top = body.partialContent({ blocks: [{ type: 'source', labelNames: ['type', 'name'] }] });
      const { content, diags } = top.content.blocks[0]!.body.partialContent({
        blocks: [{ type: 'export' }, { type: 'content_library_destination' }],
      });
      assert.deepEqual(diags, []);
      return content.blocks.map((b) => b.type);
    };
    assert.deepEqual(exportsFor(false), []);
    assert.deepEqual(exportsFor(true), ['export']);
  });
});
