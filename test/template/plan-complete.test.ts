/**
 * Packer's testdata/complete directory ("working build" test), planned with stand-ins for Packer's
 * mock plugins: every kind of argument, nested and repeated blocks, dynamic blocks in a build-level
 * fill and in plugin bodies, contextual variables.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRegistry } from '../../src/core/registry.js';
import { objectVal, stringVal, tupleVal } from '../../src/hcl/values.js';
import type { PluginDefinition, PluginKind } from '../../src/sdk/plugin.js';
import type { JsonSchema, ObjectSchema } from '../../src/sdk/schema.js';
import { planBuilds } from '../../src/template/plan.js';
import { corpusText, makeTemplate } from './build-helpers.js';

const flatFields: Record<string, JsonSchema> = {
  not_squashed: { type: 'string' },
  string: { type: 'string' },
  int: { type: 'integer' },
  int64: { type: 'integer' },
  bool: { type: 'boolean' },
  trilean: { type: 'boolean' },
  duration: { type: 'string' },
  map_string_string: { type: 'object', 'x-hcl-type': 'map(string)' },
  slice_string: { type: 'array', items: { type: 'string' } },
  slice_slice_string: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
  data_source: { type: 'string' },
  tag: {
    type: 'array',
    'x-hcl-block': true,
    items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } },
  },
};
const nested: ObjectSchema = { type: 'object', properties: flatFields };
const mockSchema: ObjectSchema = {
  type: 'object',
  properties: {
    ...flatFields,
    nested: { ...nested, 'x-hcl-block': true },
    nested_slice: { type: 'array', 'x-hcl-block': true, items: nested },
  },
};

function mock(kind: PluginKind, type: string): PluginDefinition<Record<string, unknown>> {
  return { kind, type, schema: mockSchema };
}

const files = ['build', 'sources', 'variables', 'datasource'].map(
  (f) => `hashicorp__packer/hcl2template__testdata__complete__${f}.pkr.hcl`,
);

test('complete/: two builds planned, with the fill, nested dynamic tags and evaluated arguments', () => {
  const { template, diags } = makeTemplate(
    Object.fromEntries(files.map((f) => [f, corpusText(f)])),
    {
      foo: stringVal('value'),
      availability_zone_names: tupleVal([stringVal('A'), stringVal('B'), stringVal('C')]),
    },
    {
      standard_tags: objectVal({
        Component: stringVal('user-service'),
        Environment: stringVal('production'),
      }),
      abc_map: tupleVal(['a', 'b', 'c'].map((id) => objectVal({ id: stringVal(id) }))),
    },
    { data: objectVal({ 'amazon-ami': objectVal({ test: objectVal({ string: stringVal('string') }) }) }) },
  );
  assert.deepEqual(diags, []);
  const registry = createRegistry();
  for (const [kind, type] of [
    ['builder', 'virtualbox-iso'],
    ['builder', 'amazon-ebs'],
    ['provisioner', 'shell'],
    ['provisioner', 'file'],
    ['post-processor', 'amazon-import'],
  ] as const) {
    registry.register(mock(kind, type));
  }
  const { builds, diags: planDiags } = planBuilds(template, { registry });
  assert.deepEqual(
    planDiags.map((d) => `${d.summary}: ${d.detail}`),
    [],
  );
  assert.deepEqual(
    builds.map((b) => b.name),
    ['virtualbox-iso.ubuntu-1204', 'amazon-ebs.ubuntu-1604'],
  );
  const [vbox, ebs] = builds as [(typeof builds)[0], (typeof builds)[0]];
  assert.equal(vbox.builder.config.string, 'ubuntu-1204-virtualbox-iso', 'source.name-source.type');
  // The top-level source sets int and nested_slice; the build-level fill adds string and nested.
  assert.equal(ebs.builder.config.int, 42);
  assert.equal(ebs.builder.config.string, 'setting from build section');
  assert.deepEqual(ebs.builder.config.nested, {
    tag: [
      { key: 'Component', value: 'user-service' },
      { key: 'Environment', value: 'production' },
    ],
  });
  const shell = vbox.provisioners[0]!;
  assert.equal(shell.name, 'provisioner that does something');
  assert.equal(shell.config.int, 42, 'an interpolation of 41 + 1 converts to a number');
  assert.equal(shell.config.bool, true, '"true" converts to a bool');
  assert.equal(shell.config.duration, '10s');
  assert.deepEqual(shell.config.slice_string, ['a', 'b', 'c']);
  assert.ok(shell.unknown.has('not_squashed'), 'build.ID is known at build time only');
  assert.deepEqual((shell.config.nested_slice as { tag: unknown[] }[])[0]!.tag, [
    { key: 'first_tag_key', value: 'first_tag_value' },
    { key: 'Component', value: 'user-service' },
    { key: 'Environment', value: 'production' },
  ]);
  assert.equal(vbox.errorCleanupProvisioner?.name, 'error-cleanup-provisioner that does something');
  assert.deepEqual(
    vbox.postProcessors.map((c) => c.map((p) => p.name ?? p.type)),
    [
      ['something'],
      ['amazon-import'],
      ['first-nested-post-processor', 'second-nested-post-processor'],
      ['third-nested-post-processor', 'fourth-nested-post-processor'],
    ],
  );
  assert.equal(vbox.postProcessors[0]![0]!.keepInputArtifact, true);
  assert.equal(vbox.postProcessors[1]![0]!.keepInputArtifact, undefined);
});
