/** `imgbuild schema`: the JSON Schema of template configurations, whole or per kind and type. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'imgbuild-schema-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

test('prints the whole schema as JSON', async () => {
  const r = await runCli(['schema'], { cwd });
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const schema = JSON.parse(r.out) as { definitions: Record<string, Record<string, unknown>> };
  assert.ok('qemu' in schema.definitions.builder!);
  assert.ok('manifest' in schema.definitions['post-processor']!);
});

test('prints one plugin, or one kind', async () => {
  const one = await runCli(['schema', 'builder', 'null'], { cwd });
  assert.equal(one.code, 0);
  const schema = JSON.parse(one.out) as { properties: Record<string, unknown>; title: string };
  assert.equal(schema.title, 'builder "null"');
  assert.ok('ssh_host' in schema.properties);
  const kind = await runCli(['schema', 'datasource'], { cwd });
  assert.deepEqual(Object.keys(JSON.parse(kind.out)), ['http', 'null']);
});

test('unknown kinds and types are usage errors naming what exists', async () => {
  const kind = await runCli(['schema', 'builders'], { cwd });
  assert.equal(kind.code, 2);
  assert.match(
    kind.err,
    /unknown kind "builders"; use one of: builder, provisioner, post-processor, datasource/,
  );
  const type = await runCli(['schema', 'builder', 'qemuu'], { cwd });
  assert.equal(type.code, 2);
  assert.equal(
    type.err,
    'imgbuild schema: unknown builder type "qemuu"; known types: amazon-ebs, null, qemu\n',
  );
  const help = await runCli(['schema', '-h'], { cwd });
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: imgbuild schema/);
});

test('is listed in the command table', async () => {
  const r = await runCli(['--help'], { cwd });
  assert.match(r.out, /\n {4}schema {4,}prints the JSON Schema of template configurations\n/);
});
