/** The combined JSON Schema of template configurations (`imgbuild schema`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { builtinRegistry } from '../../src/core/registry.js';
import { defineProvisioner } from '../../src/sdk/plugin.js';
import { object, str } from '../../src/sdk/schema-helpers.js';
import { templateJsonSchema } from '../../src/template/schema-template.js';
import { templatesDir } from '../hcl/corpus-files.js';

const validator = (schema: object) => new Ajv({ strict: false, allErrors: true }).compile(schema);

test('definitions hold every plugin by kind and type', () => {
  const schema = templateJsonSchema(builtinRegistry()) as {
    definitions: Record<string, Record<string, object>>;
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(schema.definitions).map(([k, v]) => [k, Object.keys(v)])),
    {
      builder: ['amazon-ebs', 'null', 'qemu'],
      provisioner: ['breakpoint', 'file', 'shell', 'shell-local'],
      'post-processor': ['artifice', 'checksum', 'compress', 'manifest', 'ovf', 'shell-local'],
      datasource: ['http', 'null'],
    },
  );
  const qemu = schema.definitions.builder!.qemu as { properties: Record<string, { type?: string }> };
  assert.equal(qemu.properties.qemuargs?.type, 'array');
  assert.equal(qemu.properties.boot_command?.type, 'array');
  assert.ok('ssh_username' in qemu.properties && 'vnc_port_min' in qemu.properties);
});

test('a library plugin appears next to the built-ins', () => {
  const registry = builtinRegistry().register(
    defineProvisioner({ type: 'my-ansible', schema: object({ playbook: str('Playbook.') }) }),
  );
  const schema = templateJsonSchema(registry) as { definitions: Record<string, Record<string, object>> };
  assert.ok('my-ansible' in schema.definitions.provisioner!);
});

test('the schema compiles, accepts a JSON-syntax template and rejects a misspelt option', () => {
  const validate = validator(templateJsonSchema(builtinRegistry()));
  const good = {
    source: { qemu: { x: { iso_url: 'u', iso_checksum: 'none', headless: true, qemuargs: [['-m', '1G']] } } },
    build: {
      sources: ['source.qemu.x'],
      provisioner: [{ shell: { inline: ['echo hi'], pause_before: '5s', only: ['qemu.x'] } }],
      'post-processor': [{ manifest: { output: 'm.json', keep_input_artifact: true } }],
    },
  };
  assert.equal(validate(good), true, JSON.stringify(validate.errors));
  const bad = { source: { qemu: { x: { iso_ulr: 'u' } } } };
  assert.equal(validate(bad), false);
  assert.ok(
    validate.errors?.some(
      (e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'iso_ulr',
    ),
  );
});

test("the corpus's JSON-syntax template passes where its plugins are built in", () => {
  const text = readFileSync(
    join(templatesDir, 'hashicorp__packer', 'command__test-fixtures__build-only__template.pkr.json'),
    'utf8',
  );
  const template = JSON.parse(text) as { build: unknown };
  // Its sources use Packer's test-only "file" builder; its build section uses shell-local only.
  const validate = validator(templateJsonSchema(builtinRegistry()));
  assert.equal(validate({ build: template.build }), true, JSON.stringify(validate.errors));
});
