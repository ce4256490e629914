/**
 * decodePluginConfig on a library user's plugin: nested blocks with labels, required arguments,
 * JSON Schema constraints (enum, minimum, pattern) at the exact element, and prepare() hooks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineBuilder } from '../../src/sdk/plugin.js';
import { blocks, int, object, str, strMap } from '../../src/sdk/schema-helpers.js';
import { at, decodeText, show } from './decode-helpers.js';

interface Disk {
  name: string;
  size: number;
  kind?: string;
}
interface FarmConfig {
  image: string;
  replicas?: number;
  labels?: Record<string, string>;
  disk?: Disk[];
  token?: string;
}

const farm = defineBuilder<FarmConfig>({
  type: 'farm',
  schema: object(
    {
      image: str('Image to start from.', { pattern: '^[a-z]' }),
      replicas: int('How many.', { minimum: 1, default: 1 }),
      labels: strMap('Labels.'),
      token: str('API token.', { 'x-sensitive': true }),
      disk: blocks(
        'A disk.',
        object(
          {
            name: str('Disk name (the block label).'),
            size: int('Size in GiB.', { minimum: 1 }),
            kind: str('Disk kind.', { enum: ['ssd', 'hdd'] }),
          },
          { required: ['name', 'size'] },
        ),
        ['name'],
      ),
    },
    { required: ['image'] },
  ),
  prepare(config, ctx) {
    const diagnostics = [];
    if (config.image.startsWith('forbidden'))
      diagnostics.push(ctx.error('image', `image ${config.image} is not allowed`, ''));
    if (config.token === 'explode') throw new Error('plugin bug');
    if (config.token?.startsWith('bad')) {
      diagnostics.push(ctx.error('token', `token '${config.token}' was rejected`, ''));
    }
    const second = config.disk?.[1];
    if (second && second.size > 100) diagnostics.push(ctx.error('disk.1.size', 'too big', ''));
    return { config, diagnostics };
  },
});

const decode = (body: string) => decodeText(farm, { 'f.pkr.hcl': `source "farm" "x" {\n${body}\n}\n` });

describe('a library plugin decodes like a built-in', () => {
  test('repeated blocks with labels become items with the label as a property', () => {
    const r = decode(
      'image = "debian"\n  disk "root" {\n    size = 10\n  }\n  disk "data" {\n    size = "20"\n    kind = "ssd"\n  }',
    );
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.config.disk, [
      { name: 'root', size: 10 },
      { name: 'data', size: 20, kind: 'ssd' },
    ]);
    assert.equal(r.config.replicas, 1);
    assert.equal(at(r.ranges.value('disk.1.name')), '6:8-6:14');
    assert.equal(at(r.ranges.value('disk.1.size')), '7:12-7:16');
  });

  test('a missing required argument is reported at the block that lacks it', () => {
    const r = decode('disk "root" {\n  }');
    assert.deepEqual(show(r.diags), [
      'error Missing required argument @1:19-1:19: The argument "image" is required, but no definition was found.',
      'error Missing required argument @2:13-2:13: The argument "size" is required, but no definition was found.',
    ]);
  });

  test('a block without its label is HCL\'s "Missing name for disk"', () => {
    const r = decode('image = "a"\n  disk {\n    size = 1\n  }');
    assert.equal(r.diags[0]?.summary, 'Missing name for disk');
  });

  test('schema constraints are reported at the value, inside nested blocks too', () => {
    const r = decode(
      'image = "Debian"\n  replicas = 0\n  disk "root" {\n    size = 0\n    kind = "tape"\n  }',
    );
    assert.deepEqual(show(r.diags), [
      'error Invalid attribute value @2:9-2:17: Inappropriate value for attribute "image": must match pattern "^[a-z]".',
      'error Invalid attribute value @3:14-3:15: Inappropriate value for attribute "replicas": must be >= 1.',
      'error Invalid attribute value @5:12-5:13: Inappropriate value for attribute "size": must be >= 1.',
      'error Invalid attribute value @6:12-6:18: Inappropriate value for attribute "kind": must be one of "ssd" or "hdd".',
    ]);
  });

  test('a whole-number argument given a fraction', () => {
    const r = decode('image = "a"\n  replicas = 1.5');
    assert.deepEqual(show(r.diags), [
      'error Incorrect attribute value type @3:14-3:17: Inappropriate value for attribute "replicas": a whole number is required.',
    ]);
  });

  test('map arguments convert their elements to strings', () => {
    const r = decode('image = "a"\n  labels = { tier = "web", port = 80, on = true }');
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.config.labels, { on: 'true', port: '80', tier: 'web' });
  });

  test('prepare() errors point at the attribute, even inside a block element', () => {
    const r = decode(
      'image = "forbidden"\n  disk "a" {\n    size = 1\n  }\n  disk "b" {\n    size = 500\n  }',
    );
    assert.deepEqual(show(r.diags), [
      'error image forbidden is not allowed @2:9-2:20: ',
      'error too big @7:12-7:15: ',
    ]);
  });

  test('sensitive values are masked in prepare() messages', () => {
    const r = decode('image = "a"\n  token = "bad-secret-value"');
    assert.deepEqual(
      r.diags.map((d) => d.summary),
      ["token '(sensitive value)' was rejected"],
    );
    const fromVariable = decode('image = "forbidden${var.secret}"');
    assert.deepEqual(
      fromVariable.diags.map((d) => d.summary),
      ['image (sensitive value) is not allowed'],
    );
  });

  test('a prepare() that throws is reported, not thrown', () => {
    const r = decode('image = "a"\n  token = "explode"');
    assert.deepEqual(show(r.diags), [
      'error Failed to prepare builder "farm" @1:1-1:18: The plugin failed while checking its configuration: plugin bug',
    ]);
  });
});

describe('x-hcl-type: the HCL type when the JSON Schema does not say it', () => {
  const typed = defineBuilder<Record<string, unknown>>({
    type: 'typed',
    schema: object({
      ports: { type: 'object', additionalProperties: { type: 'array' }, 'x-hcl-type': 'map(list(number))' },
      anything: { 'x-hcl-type': 'any', description: 'Any value at all.' },
      unique: { type: 'array', items: { type: 'string' }, 'x-hcl-type': 'set(string)' },
    }),
  });
  const decode = (body: string) => decodeText(typed, { 't.pkr.hcl': `source "typed" "x" {\n${body}\n}\n` });

  test('values convert to the declared type', () => {
    const r = decode(
      'ports = { web = ["80", 443] }\n  anything = { a = [1, "b"] }\n  unique = ["b", "a", "b"]',
    );
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.config, { ports: { web: [80, 443] }, anything: { a: [1, 'b'] }, unique: ['a', 'b'] });
  });

  test("and fail with cty's message (as HCL words it), pointing at the element", () => {
    const r = decode('ports = { web = ["http"] }');
    assert.deepEqual(show(r.diags), [
      'error Incorrect attribute value type @2:18-2:24: Inappropriate value for attribute "ports": a number is required.',
    ]);
  });
});

test('a schema with an $id validates every time (its variants are compiled apart)', () => {
  const withId = defineBuilder<Record<string, unknown>>({
    type: 'with-id',
    schema: { ...object({ a: str('A.'), b: int('B.', { minimum: 2 }) }), $id: 'urn:example:with-id' },
  });
  const decode = (body: string) =>
    decodeText(withId, { 't.pkr.hcl': `source "with-id" "x" {\n${body}\n}\n` });
  assert.deepEqual(decode('a = "x"').diags, []);
  assert.deepEqual(
    decode('a = "x"\nb = 1').diags.map((d) => d.detail),
    ['Inappropriate value for attribute "b": must be >= 2.'],
  );
});

test('a short sensitive value is masked where a message quotes it, not everywhere', () => {
  const r = decode('image = "a"\n  token = "bad"');
  assert.deepEqual(
    r.diags.map((d) => d.summary),
    ["token '(sensitive value)' was rejected"],
  );
  const short = decodeText(farm, { 'f.pkr.hcl': 'source "farm" "x" {\n  token = "a"\n}\n' });
  assert.deepEqual(
    short.diags.map((d) => d.detail),
    ['The argument "image" is required, but no definition was found.'],
  );
});
