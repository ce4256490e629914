/** The library entry point: a program importing imgbuild reads and evaluates a template through it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hcl } from '../src/index.js';

const template = `
variable "size" {
  type    = number
  default = 4
}
build {
  provisioner "shell" { inline = ["echo \${upper("one")}"] }
  provisioner "file" {
    source      = "a"
    destination = "/tmp/a"
  }
  provisioner "shell" { inline = [for i in range(var.size) : "echo \${i}"] }
}
`;

test('parse, decode in source order, and evaluate with Packer functions through the public API', () => {
  const parsed = hcl.parseHclFile(template, 'service.pkr.hcl');
  assert.deepEqual(parsed.diags, []);
  const top = parsed.file.body.content({
    blocks: [{ type: 'variable', labelNames: ['name'] }, { type: 'build' }],
  });
  assert.deepEqual(top.diags, []);
  const build = top.content.blocks.find((b) => b.type === 'build')!;
  const inner = build.body.content({ blocks: [{ type: 'provisioner', labelNames: ['type'] }] });
  assert.deepEqual(
    inner.content.blocks.map((b) => b.labels[0]),
    ['shell', 'file', 'shell'],
  );
  const ctx = hcl.rootContext(
    new Map([['var', hcl.objectVal({ size: hcl.numberVal(3) })]]),
    hcl.packerFunctions({ baseDir: '.' }),
  );
  const values = inner.content.blocks.map((b) => {
    const attrs = b.body.justAttributes().attributes;
    const inline = attrs.get('inline');
    return inline ? hcl.valueToJs(inline.expr.value(ctx).value) : undefined;
  });
  assert.deepEqual(values, [['echo ONE'], undefined, ['echo 0', 'echo 1', 'echo 2']]);
});

test('a misspelled argument is reported at its own range with a suggestion, rendered with a caret', () => {
  const src = 'source "null" "a" {\n  comunicator = "none"\n}\n';
  const parsed = hcl.parseHclFile(src, 'bad.pkr.hcl');
  const source = parsed.file.body.content({ blocks: [{ type: 'source', labelNames: ['type', 'name'] }] })
    .content.blocks[0]!;
  const { diags } = source.body.content({ attributes: [{ name: 'communicator' }] });
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.summary, 'Unsupported argument');
  assert.deepEqual(diags[0]!.subject?.start, { line: 2, column: 3, byte: 22 });
  const text = hcl.renderDiagnostics(diags, new Map([['bad.pkr.hcl', parsed.source]]));
  assert.equal(
    text,
    'Error: Unsupported argument\n\n  on bad.pkr.hcl line 2, in source "null" "a":\n   2:   comunicator = "none"\n' +
      '        ^^^^^^^^^^^\n\nAn argument named "comunicator" is not expected here. Did you mean "communicator"?\n\n',
  );
});

test('a library user adds a builder with defineBuilder and it validates like a built-in', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const lib = await import('../src/index.js');
  interface DockerishConfig {
    image: string;
    pull?: boolean;
  }
  const builder = lib.defineBuilder<DockerishConfig>({
    type: 'dockerish',
    schema: {
      type: 'object',
      properties: { image: lib.schema.str('Image to start from'), pull: lib.schema.bool('Pull first') },
      required: ['image'],
    },
    prepare(config, ctx) {
      const diagnostics = config.image.includes(' ')
        ? [ctx.error('image', 'Invalid image name', 'An image name has no spaces.')]
        : [];
      return { config, diagnostics };
    },
  });
  const registry = lib.builtinRegistry().register(builder);
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-lib-'));
  try {
    writeFileSync(
      join(dir, 't.pkr.hcl'),
      'source "dockerish" "a" {\n  image = "debian bookworm"\n  pul = true\n}\nbuild {\n  sources = ["source.dockerish.a"]\n}\n',
    );
    const loaded = await lib.loadTemplate('t.pkr.hcl', { cwd: dir, env: {}, command: 'validate', registry });
    assert.deepEqual(loaded.diags, []);
    const { diags } = lib.planBuilds(loaded.value, { registry });
    // The unknown argument is reported at its name with a suggestion; prepare() never ran on a bad decode.
    assert.deepEqual(
      diags.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column, d.detail]),
      [['Unsupported argument', 3, 3, 'An argument named "pul" is not expected here. Did you mean "pull"?']],
    );
    writeFileSync(
      join(dir, 't.pkr.hcl'),
      'source "dockerish" "a" {\n  image = "debian bookworm"\n}\nbuild {\n  sources = ["source.dockerish.a"]\n}\n',
    );
    const again = await lib.loadTemplate('t.pkr.hcl', { cwd: dir, env: {}, command: 'validate', registry });
    const planned = lib.planBuilds(again.value, { registry });
    assert.deepEqual(
      planned.diags.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column]),
      [['Invalid image name', 2, 11]],
    );
    writeFileSync(
      join(dir, 't.pkr.hcl'),
      'source "dockerish" "a" {\n  image = "debian"\n}\nbuild {\n  sources = ["source.dockerish.a"]\n}\n',
    );
    const valid = lib.planBuilds(
      (await lib.loadTemplate('t.pkr.hcl', { cwd: dir, env: {}, registry })).value,
      { registry },
    );
    assert.deepEqual(valid.diags, []);
    assert.deepEqual(
      valid.builds.map((b) => [b.name, b.builder.config]),
      [['dockerish.a', { image: 'debian' }]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
