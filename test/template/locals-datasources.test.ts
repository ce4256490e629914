/** Locals and data sources: dependency order, duplicates, contexts, and when data sources run. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createRegistry } from '../../src/core/registry.js';
import { nullDatasource } from '../../src/datasources/null/config.js';
import { defineDatasource } from '../../src/sdk/plugin.js';
import { errors, js, load, tree } from './load-helpers.js';

describe('locals', () => {
  it('are evaluated in dependency order across blocks and files', async () => {
    const dir = tree({
      'a.pkr.hcl': 'locals {\n  greeting = "${local.word}, ${var.who}"\n}\n',
      'b.pkr.hcl':
        'variable "who" {\n  default = "world"\n}\nlocal "word" {\n  expression = upper(local.base)\n}\nlocals {\n  base = "hello"\n}\n',
    });
    const { value: t, diags } = await load(dir);
    assert.deepEqual(errors(diags), []);
    assert.equal(js(t.locals.get('greeting')?.value), 'HELLO, world');
  });

  it('a duplicate definition is reported at the second one', async () => {
    const dir = tree({ 'a.pkr.hcl': 'locals {\n  x = 1\n}\n', 'b.pkr.hcl': 'locals {\n  x = 2\n}\n' });
    const { value: t, diags } = await load(dir);
    assert.deepEqual(errors(diags), ['Duplicate local definition']);
    assert.equal(diags[0]!.subject?.filename, 'b.pkr.hcl');
    assert.equal(js(t.locals.get('x')?.value), 1);
  });

  it('a local block needs an expression and a valid name', async () => {
    const dir = tree({
      'a.pkr.hcl': 'local "1x" {\n  expression = 1\n}\nlocal "y" {\n  sensitive = true\n}\n',
    });
    const { diags } = await load(dir);
    assert.deepEqual(errors(diags), ['Invalid local name', 'Missing required argument']);
  });

  it('an error in one local leaves it unknown without cascading into its users', async () => {
    const dir = tree({
      'a.pkr.hcl': 'locals {\n  bad = 1 + "x"\n  user = "${local.bad}!"\n  missing = local.nope\n}\n',
    });
    const { value: t, diags } = await load(dir);
    assert.deepEqual(errors(diags), ['Invalid operand', 'Unsupported attribute']);
    assert.equal(js(t.locals.get('user')?.value), '<unknown>');
  });

  it('see path, packer.version, data and the full function table; not env()', async () => {
    const dir = tree({
      'tpl/main.pkr.hcl': `
locals {
  root    = path.root
  cwd     = path.cwd
  version = packer.version
  file    = trimspace(file("hello.txt"))
  from_ds = data.null.n.output
}
data "null" "n" {
  input = "in-\${local.root}"
}
`,
      'tpl/hello.txt': 'hi from the template dir\n',
      'env.pkr.hcl': 'locals {\n  e = env("HOME")\n}\n',
    });
    const { value: t, diags } = await load(dir, 'tpl', { command: 'build' });
    assert.deepEqual(errors(diags), []);
    assert.equal(js(t.locals.get('root')?.value), 'tpl');
    assert.equal(js(t.locals.get('cwd')?.value), dir.replaceAll('\\', '/'));
    assert.match(js(t.locals.get('version')?.value) as string, /^\d+\.\d+\.\d+$/);
    assert.equal(js(t.locals.get('file')?.value), 'hi from the template dir');
    assert.equal(js(t.locals.get('from_ds')?.value), 'in-tpl');
    const env = await load(dir, 'env.pkr.hcl');
    assert.deepEqual(errors(env.diags), ['Call to unknown function']);
  });

  it('variable defaults may call env() and nothing else', async () => {
    const dir = tree({
      'a.pkr.hcl':
        'variable "home" {\n  default = env("MY_HOME")\n}\nvariable "bad" {\n  default = upper("x")\n}\n',
    });
    const { value: t, diags } = await load(dir, '.', { env: { MY_HOME: '/home/me' } });
    assert.deepEqual(errors(diags), ['Call to unknown function']);
    assert.equal(js(t.variables.get('home')?.value), '/home/me');
  });

  it('the template context (for source/build bodies) has var, local, data, path and packer', async () => {
    const dir = tree({ 'a.pkr.hcl': 'variable "v" {\n  default = 1\n}\nlocals {\n  l = 2\n}\n' });
    const { value: t } = await load(dir);
    const names = [...(t.evalContext.variables?.keys() ?? [])].sort();
    assert.deepEqual(names, ['data', 'local', 'packer', 'path', 'var']);
    assert.ok(t.evalContext.functions?.has('templatefile'));
    assert.ok(!t.evalContext.functions?.has('env'));
  });
});

describe('data sources', () => {
  const nullTemplate = 'data "null" "n" {\n  input = "value"\n}\nlocals {\n  out = data.null.n.output\n}\n';

  it('validate leaves outputs unknown; build, inspect and console execute them', async () => {
    const dir = tree({ 'a.pkr.hcl': nullTemplate });
    const validate = await load(dir);
    assert.deepEqual(errors(validate.diags), []);
    assert.equal(js(validate.value.locals.get('out')?.value), '<unknown>');
    for (const command of ['build', 'inspect', 'console'] as const) {
      const loaded = await load(dir, '.', { command });
      assert.equal(js(loaded.value.locals.get('out')?.value), 'value', command);
    }
    const forced = await load(dir, '.', { evaluateDatasources: true });
    assert.equal(js(forced.value.locals.get('out')?.value), 'value');
  });

  it('their configuration is checked even when not executed', async () => {
    const dir = tree({
      'a.pkr.hcl':
        'data "null" "n" {\n  inptu = "x"\n}\ndata "http" "h" {\n  url = "http://example.invalid"\n  method = "FETCH"\n}\n',
    });
    const { diags } = await load(dir);
    assert.deepEqual(errors(diags), [
      'Unsupported argument',
      'the `method` must be one of [HEAD GET POST PUT DELETE OPTIONS PATCH]',
    ]);
  });

  it('duplicates and unknown types', async () => {
    const dir = tree({
      'a.pkr.hcl':
        'data "null" "n" {\n  input = "a"\n}\ndata "null" "n" {\n  input = "b"\n}\ndata "mystery" "m" {\n  x = 1\n}\nlocals {\n  m = data.mystery.m.anything\n}\n',
    });
    const { value: t, diags } = await load(dir, '.', { command: 'build' });
    assert.deepEqual(errors(diags), ['Duplicate data block']);
    assert.ok(t.datasources.has('mystery.m'));
    assert.equal(js(t.locals.get('m')?.value), '<unknown>');
  });

  it('http fetches its url at build time', async () => {
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end(`${req.method} ${req.headers['x-test']}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const dir = tree({
        'a.pkr.hcl': `data "http" "h" {\n  url = "http://127.0.0.1:${port}/x"\n  request_headers = { x-test = "yes" }\n}\nlocals {\n  body = data.http.h.body\n  code = data.http.h.status_code\n}\n`,
      });
      const { value: t, diags } = await load(dir, '.', { command: 'build' });
      assert.deepEqual(errors(diags), []);
      assert.equal(js(t.locals.get('body')?.value), 'GET yes');
      assert.equal(js(t.locals.get('code')?.value), 200);
    } finally {
      server.close();
    }
  });
});

describe('data sources from a plugin registry', () => {
  const upper = defineDatasource<{ text?: string }>({
    type: 'upper',
    schema: { type: 'object', properties: { text: { type: 'string' } }, additionalProperties: false },
    outputSchema: { type: 'object', properties: { result: { type: 'string' } } },
    async execute(config) {
      return { result: (config.text ?? '').toUpperCase() };
    },
  });
  const registry = createRegistry().register(upper).register(nullDatasource);
  const dir = tree({
    'a.pkr.hcl':
      'data "upper" "u" {\n  text = "shout"\n}\ndata "null" "n" {\n  input = data.upper.u.result\n}\nlocals {\n  out = data.null.n.output\n}\n',
    'unknown.pkr.hcl': 'data "mystery" "m" {\n}\n',
    'bad.pkr.hcl': 'data "upper" "u" {\n  txet = "x"\n}\n',
  });

  it('are decoded against their schema and executed in dependency order', async () => {
    const { value: t, diags } = await load(dir, 'a.pkr.hcl', { registry, command: 'build' });
    assert.deepEqual(errors(diags), []);
    assert.equal(js(t.locals.get('out')?.value), 'SHOUT');
    const v = await load(dir, 'a.pkr.hcl', { registry });
    assert.equal(js(v.value.locals.get('out')?.value), '<unknown>');
  });

  it('an unknown type is reported at its label, naming the known ones', async () => {
    const { diags } = await load(dir, 'unknown.pkr.hcl', { registry });
    assert.deepEqual(errors(diags), ['Unknown data source type "mystery"']);
    assert.equal(
      diags[0]!.detail,
      'imgbuild does not implement the data source "mystery". Known data sources: null, upper.',
    );
    assert.equal(diags[0]!.subject?.start.column, 6);
  });

  it('configuration errors are reported even under validate', async () => {
    const { diags } = await load(dir, 'bad.pkr.hcl', { registry });
    assert.deepEqual(errors(diags), ['Unsupported argument']);
  });
});
