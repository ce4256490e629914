import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { checksumPostProcessor } from '../../src/postprocessors/checksum/config.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from './helpers/context.js';

const run = checksumPostProcessor.run!;
const TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const digest = (type: string, data: Buffer) => createHash(type).update(data).digest('hex');

describe('checksum post-processor', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  let files: string[];
  let contents: Buffer[];
  beforeEach(async () => {
    work = await tmpWorkdir();
    await mkdir(join(work.dir, 'out'));
    contents = [Buffer.from('hello\n'), Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a)];
    files = [join(work.dir, 'out', 'one.txt'), join(work.dir, 'out', 'disk.raw')];
    for (const [i, f] of files.entries()) await writeFile(f, contents[i] as Buffer);
  });
  afterEach(() => work.done());

  it("writes every type with Packer's default names and `<hash>\\t<base name>` lines", async () => {
    const result = await run({ checksum_types: TYPES }, inputArtifact(files), postProcessContext(work.dir));
    for (const type of TYPES) {
      const name = `packer_a_null_${type}.checksum`;
      const want = files
        .map((f, i) => `${digest(type, contents[i] as Buffer)}\t${f.split('/').pop()}\n`)
        .join('');
      assert.equal(await readFile(name, 'utf8'), want, name);
    }
    assert.equal(result.artifact.builderId, 'packer.post-processor.checksum');
    assert.deepEqual(result.artifact.files, [
      ...files,
      ...TYPES.map((t) => join(work.dir, `packer_a_null_${t}.checksum`)),
    ]);
    assert.equal(result.keepInput, true);
    assert.equal(result.forceKeep, true);
  });

  it('defaults to md5 and appends to an existing checksum file (not listed as new)', async () => {
    await writeFile('sums.txt', 'previous line\n');
    const result = await run(
      { output: 'sums.txt' },
      inputArtifact([files[0] as string]),
      postProcessContext(work.dir),
    );
    assert.equal(
      await readFile('sums.txt', 'utf8'),
      `previous line\n${digest('md5', contents[0] as Buffer)}\tone.txt\n`,
    );
    assert.deepEqual(result.artifact.files, [files[0]]);
    assert.deepEqual((await readdir(work.dir)).sort(), ['out', 'sums.txt']);
  });

  it('renders BuildName, BuilderType and ChecksumType into output directories', async () => {
    await run(
      {
        checksum_types: ['sha256', 'md5'],
        output: 'sums/{{.BuilderType}}/{{ .BuildName }}.{{.ChecksumType}}',
      },
      inputArtifact(files),
      postProcessContext(work.dir, { sourceName: 'web', builderType: 'qemu' }),
    );
    assert.deepEqual((await readdir('sums/qemu')).sort(), ['web.md5', 'web.sha256']);
    assert.match(
      await readFile('sums/qemu/web.sha256', 'utf8'),
      /^[0-9a-f]{64}\tone\.txt\n[0-9a-f]{64}\tdisk\.raw\n$/,
    );
  });

  it('a cancel while hashing writes no checksum file', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await assert.rejects(
      run(
        { checksum_types: TYPES },
        inputArtifact(files),
        postProcessContext(work.dir, { signal: controller.signal }),
      ),
      /cancelled by the test/,
    );
    assert.deepEqual(await readdir(work.dir), ['out']);
  });

  it('a missing input file is an error naming it, and writes nothing', async () => {
    await assert.rejects(
      run({}, inputArtifact([join(work.dir, 'nope')]), postProcessContext(work.dir)),
      /unable to open file .*nope/,
    );
    assert.deepEqual(await readdir(work.dir), ['out']);
  });
});
