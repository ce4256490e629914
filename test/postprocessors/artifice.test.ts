import assert from 'node:assert/strict';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { artificePostProcessor } from '../../src/postprocessors/artifice/config.js';
import { goGlob } from '../../src/postprocessors/artifice/go-glob.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from './helpers/context.js';

const run = artificePostProcessor.run!;

describe('artifice post-processor', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  beforeEach(async () => {
    work = await tmpWorkdir();
    await mkdir('out/sub', { recursive: true });
    for (const f of [
      'out/b.vmdk',
      'out/a.vmdk',
      'out/.hidden.vmdk',
      'out/a.ovf',
      'out/sub/c.vmdk',
      'x.txt',
    ]) {
      await writeFile(f, f);
    }
  });
  afterEach(() => work.done());

  it('replaces the artifact with the globbed files, in Go filepath.Glob order', async () => {
    const ctx = postProcessContext(work.dir);
    const result = await run(
      { files: ['out/*.vmdk', 'x.txt', 'missing.txt'] },
      inputArtifact(['/some/disk']),
      ctx,
    );
    const want = ['out/.hidden.vmdk', 'out/a.vmdk', 'out/b.vmdk', 'x.txt'].map((f) => join(work.dir, f));
    assert.deepEqual(result.artifact.files, want);
    assert.equal(result.artifact.builderId, 'packer.post-processor.artifice');
    assert.equal(result.keepInput, true);
    assert.equal(
      result.artifact.describe(),
      'Created artifact from files: out/.hidden.vmdk, out/a.vmdk, out/b.vmdk, x.txt',
    );
    assert.deepEqual(ctx.ui.lines, [
      'say: Discarding files from artifact: /some/disk',
      'say: Using these artifact files: out/.hidden.vmdk, out/a.vmdk, out/b.vmdk, x.txt',
    ]);
    // destroy() removes the files, as Packer's artifice artifact does.
    await result.artifact.destroy();
    await assert.rejects(stat('x.txt'));
  });

  it('globs element by element: `*` stays within a directory, classes and `?` work', async () => {
    assert.deepEqual(await goGlob('out/*'), [
      'out/.hidden.vmdk',
      'out/a.ovf',
      'out/a.vmdk',
      'out/b.vmdk',
      'out/sub',
    ]);
    assert.deepEqual(await goGlob('*/*/?.vmdk'), ['out/sub/c.vmdk']);
    assert.deepEqual(await goGlob('out/[ab].vmdk'), ['out/a.vmdk', 'out/b.vmdk']);
    assert.deepEqual(await goGlob('out/[^a].vmdk'), ['out/b.vmdk']);
    assert.deepEqual(await goGlob(join(work.dir, 'out', 'a.*')), [
      join(work.dir, 'out/a.ovf'),
      join(work.dir, 'out/a.vmdk'),
    ]);
  });
});
