import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { manifestPostProcessor } from '../../src/postprocessors/manifest/config.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from './helpers/context.js';

const run = manifestPostProcessor.run!;

describe('manifest post-processor', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  beforeEach(async () => {
    work = await tmpWorkdir();
  });
  afterEach(() => work.done());

  it("writes Packer's packer-manifest.json byte for byte (files as builders list them: relative to the working directory), and appends across runs", async () => {
    const disk = join(work.dir, 'output', 'disk.qcow2');
    await writeFile(join(work.dir, 'x'), '');
    await mkdir(join(work.dir, 'output'));
    await writeFile(disk, 'twelve bytes');
    const cfg = { output: 'packer-manifest.json', strip_time: true, custom_data: { z: 'last', a: '<&>' } };
    const r1 = await run(cfg, inputArtifact([disk]), postProcessContext(work.dir, { runId: 'run-1' }));
    assert.equal(r1.keepInput, true);
    assert.equal(r1.forceKeep, true);
    const first = await readFile('packer-manifest.json', 'utf8');
    assert.equal(
      first,
      `{
  "builds": [
    {
      "name": "a",
      "builder_type": "null",
      "files": [
        {
          "name": "output/disk.qcow2",
          "size": 12
        }
      ],
      "artifact_id": "test-id",
      "packer_run_uuid": "run-1",
      "custom_data": {
        "a": "\\u003c\\u0026\\u003e",
        "z": "last"
      }
    }
  ],
  "last_run_uuid": "run-1"
}`,
    );
    // A second run (a null-builder artifact: no files, so Go's nil slice `null`) is appended.
    await run(
      { output: 'packer-manifest.json', strip_time: true },
      inputArtifact([], { id: 'Null' }),
      postProcessContext(work.dir, { runId: 'run-2', sourceName: 'b', builderType: 'null' }),
    );
    const second = JSON.parse(await readFile('packer-manifest.json', 'utf8'));
    assert.equal(second.builds.length, 2);
    assert.deepEqual(second.builds[1], {
      name: 'b',
      builder_type: 'null',
      files: null,
      artifact_id: 'Null',
      packer_run_uuid: 'run-2',
      custom_data: null,
    });
    assert.equal(second.last_run_uuid, 'run-2');
    // No temporary or lock file is left beside it.
    assert.deepEqual((await readdir(work.dir)).sort(), ['output', 'packer-manifest.json', 'x']);
  });

  it('records build_time unless strip_time, file names without directories with strip_path', async () => {
    const file = join(work.dir, 'image.raw');
    await writeFile(file, Buffer.alloc(1000));
    const before = Math.floor(Date.now() / 1000);
    await run({ output: 'm.json', strip_path: true }, inputArtifact([file]), postProcessContext(work.dir));
    const m = JSON.parse(await readFile('m.json', 'utf8'));
    assert.ok(m.builds[0].build_time >= before && m.builds[0].build_time <= before + 5);
    assert.deepEqual(m.builds[0].files, [{ name: 'image.raw', size: 1000 }]);
    assert.deepEqual(Object.keys(m.builds[0]), [
      'name',
      'builder_type',
      'build_time',
      'files',
      'artifact_id',
      'packer_run_uuid',
      'custom_data',
    ]);
  });

  it('with -force starts a new manifest on a new run, but appends within the same run', async () => {
    const ctx = (runId: string) => postProcessContext(work.dir, { runId, force: true });
    await run({ output: 'm.json', strip_time: true }, inputArtifact([]), ctx('old'));
    await run({ output: 'm.json', strip_time: true }, inputArtifact([]), ctx('new'));
    await run({ output: 'm.json', strip_time: true }, inputArtifact([]), ctx('new'));
    const m = JSON.parse(await readFile('m.json', 'utf8'));
    assert.deepEqual(
      m.builds.map((b: { packer_run_uuid: string }) => b.packer_run_uuid),
      ['new', 'new'],
    );
  });

  it('parallel builds of one run all land in the manifest', async () => {
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) =>
        run(
          { output: 'm.json', strip_time: true },
          inputArtifact([]),
          postProcessContext(work.dir, { sourceName: name, builderType: 'null' }),
        ),
      ),
    );
    const m = JSON.parse(await readFile('m.json', 'utf8'));
    assert.deepEqual(m.builds.map((b: { name: string }) => b.name).sort(), ['a', 'b', 'c', 'd', 'e']);
  });

  it('a stale lock file left by a crashed run delays the write briefly, then is removed', async () => {
    await writeFile('m.json.lock', '');
    const started = Date.now();
    await run({ output: 'm.json', strip_time: true }, inputArtifact([]), postProcessContext(work.dir));
    assert.ok(Date.now() - started >= 550, 'retried the lock as Packer does (0, 200, 400 ms)');
    assert.equal(JSON.parse(await readFile('m.json', 'utf8')).builds.length, 1);
    assert.deepEqual((await readdir(work.dir)).sort(), ['m.json']);
  });

  it('an unparsable manifest is an error and is left untouched', async () => {
    await writeFile('m.json', '{ not json');
    await assert.rejects(
      run({ output: 'm.json' }, inputArtifact([]), postProcessContext(work.dir)),
      /^Error: Unable to parse content from m\.json: /,
    );
    assert.equal(await readFile('m.json', 'utf8'), '{ not json');
  });

  it('renders custom_data with the artifact generated data', async () => {
    await run(
      { output: 'm.json', strip_time: true, custom_data: { id: 'build-{{ .ID }}', missing: '{{.Nope}}' } },
      inputArtifact([], { state: { generated_data: { ID: 'Null' } } }),
      postProcessContext(work.dir),
    );
    const m = JSON.parse(await readFile('m.json', 'utf8'));
    assert.deepEqual(m.builds[0].custom_data, { id: 'build-Null', missing: '<no value>' });
  });
});
