import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compressPostProcessor } from '../../src/postprocessors/compress/config.js';
import { detectFormat } from '../../src/postprocessors/compress/format.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from './helpers/context.js';

const run = compressPostProcessor.run!;

/** Every member of a tarball and its bytes, read back by GNU tar. */
function tarMembers(path: string, flags: string): Map<string, Buffer> {
  const names = execFileSync('tar', [`-t${flags}f`, path], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  return new Map(names.map((n) => [n, execFileSync('tar', [`-x${flags}Of`, path, n])]));
}

/** Every member of a zip and its bytes, read back (CRC-checked) by Python's zipfile. */
function zipMembers(path: string): Map<string, Buffer> {
  const script =
    'import zipfile,sys,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
    'print(json.dumps({n: z.read(n).hex() for n in z.namelist()}))';
  const out = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<
    string,
    string
  >;
  return new Map(Object.entries(out).map(([n, hex]) => [n, Buffer.from(hex, 'hex')]));
}

describe('compress post-processor', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  let files: string[];
  let data: Buffer[];
  beforeEach(async () => {
    work = await tmpWorkdir();
    await mkdir('output-null');
    data = [Buffer.from('a small file\n'), Buffer.concat([randomBytes(200_000), Buffer.alloc(300_000, 7)])];
    files = [join(work.dir, 'output-null', 'notes.txt'), join(work.dir, 'output-null', 'disk.raw')];
    for (const [i, f] of files.entries()) await writeFile(f, data[i] as Buffer, { mode: 0o640 });
  });
  afterEach(() => work.done());

  const expectMembers = (members: Map<string, Buffer>, names: string[]) => {
    assert.deepEqual([...members.keys()], names);
    for (const [i, name] of names.entries()) assert.ok(members.get(name)?.equals(data[i] as Buffer), name);
  };

  it('defaults to a gzipped tarball named packer_{{.BuildName}}_{{.BuilderType}} (base names, modes kept)', async () => {
    const ctx = postProcessContext(work.dir);
    const result = await run({}, inputArtifact(files), ctx);
    expectMembers(tarMembers('packer_a_null', 'z'), ['notes.txt', 'disk.raw']);
    assert.match(
      execFileSync('tar', ['-tvzf', 'packer_a_null'], { encoding: 'utf8' }),
      /^-rw-r----- .* notes\.txt$/m,
    );
    assert.deepEqual(result.artifact.files, [join(work.dir, 'packer_a_null')]);
    assert.equal(result.artifact.builderId, 'packer.post-processor.compress');
    assert.equal(result.keepInput, false);
    assert.deepEqual(ctx.ui.lines, [
      'say: Tarring packer_a_null with gzip',
      'say: Archive packer_a_null completed',
    ]);
  });

  it('.tar.gz, .tgz and .tar by extension, in a new directory', async () => {
    await run({ output: 'dist/{{.BuildName}}.tar.gz' }, inputArtifact(files), postProcessContext(work.dir));
    expectMembers(tarMembers('dist/a.tar.gz', 'z'), ['notes.txt', 'disk.raw']);
    await run({ output: 'dist/a.tgz' }, inputArtifact(files), postProcessContext(work.dir));
    expectMembers(tarMembers('dist/a.tgz', 'z'), ['notes.txt', 'disk.raw']);
    await run({ output: 'dist/a.tar' }, inputArtifact(files), postProcessContext(work.dir));
    expectMembers(tarMembers('dist/a.tar', ''), ['notes.txt', 'disk.raw']);
    // A plain tar is not compressed: its size is the data plus 512-byte headers and padding.
    assert.ok((await stat('dist/a.tar')).size > 500_000);
  });

  it('.zip names entries by the artifact paths relative to the working directory', async () => {
    await run({ output: 'a.zip' }, inputArtifact(files), postProcessContext(work.dir));
    expectMembers(zipMembers('a.zip'), ['output-null/notes.txt', 'output-null/disk.raw']);
  });

  it('.gz compresses one file; compression_level changes the output', async () => {
    await run(
      { output: 'fast.raw.gz', compression_level: 1 },
      inputArtifact([files[1] as string]),
      postProcessContext(work.dir),
    );
    await run(
      { output: 'best.raw.gz', compression_level: 9 },
      inputArtifact([files[1] as string]),
      postProcessContext(work.dir),
    );
    for (const name of ['fast.raw.gz', 'best.raw.gz'])
      assert.ok(gunzipSync(await readFile(name)).equals(data[1] as Buffer));
    assert.notDeepEqual(await readFile('fast.raw.gz'), await readFile('best.raw.gz'));
    await assert.rejects(
      run({ output: 'two.gz' }, inputArtifact(files), postProcessContext(work.dir)),
      /^Error: Can only have 1 input file when not using tar\/zip\. Found 2 files: /,
    );
    assert.equal((await readdir(work.dir)).includes('two.gz'), false);
  });

  it('lz4, xz, bgzf and bzip2 are a clear error before anything is written', async () => {
    for (const output of ['a.tar.lz4', 'a.lz4', 'a.xz', 'a.bgzf', 'a.bzip2']) {
      await assert.rejects(
        run({ output }, inputArtifact(files), postProcessContext(work.dir)),
        /compression \(from output ".*"\) is not supported by imgbuild; use an output ending in \.tar\.gz/,
      );
    }
    assert.deepEqual((await readdir(work.dir)).sort(), ['output-null']);
  });

  it('an abort mid-compress leaves neither the archive nor its temporary', async () => {
    const big = join(work.dir, 'output-null', 'big.raw');
    await writeFile(big, randomBytes(48 * 1024 * 1024));
    const controller = new AbortController();
    const ctx = postProcessContext(work.dir, { signal: controller.signal });
    let read = 0;
    ctx.ui.progress = () => ({
      update: (done: number) => {
        read = done;
        if (done > 4 * 1024 * 1024) controller.abort(new Error('cancelled by the test'));
      },
      finish: () => undefined,
    });
    await assert.rejects(
      run({ output: 'big.tar.gz', compression_level: 9 }, inputArtifact([big]), ctx),
      /cancelled by the test/,
    );
    assert.ok(read > 4 * 1024 * 1024 && read < 48 * 1024 * 1024, `aborted part-way (read ${read} bytes)`);
    assert.deepEqual((await readdir(work.dir)).sort(), ['output-null']);
    // An existing archive of the same name survives a cancelled rewrite untouched.
    await writeFile('big.tar.gz', 'previous archive');
    const again = new AbortController();
    again.abort(new Error('cancelled before start'));
    await assert.rejects(
      run(
        { output: 'big.tar.gz' },
        inputArtifact([big]),
        postProcessContext(work.dir, { signal: again.signal }),
      ),
    );
    assert.equal(await readFile('big.tar.gz', 'utf8'), 'previous archive');
    assert.deepEqual((await readdir(work.dir)).sort(), ['big.tar.gz', 'output-null']);
  });

  it('an abort mid-zip leaves no archive either; zip entries outside the working directory lose their leading /', async () => {
    const big = join(work.dir, 'output-null', 'big.raw');
    await writeFile(big, randomBytes(32 * 1024 * 1024));
    const controller = new AbortController();
    const ctx = postProcessContext(work.dir, { signal: controller.signal });
    ctx.ui.progress = () => ({
      update: (done: number) => {
        if (done > 2 * 1024 * 1024) controller.abort(new Error('cancelled by the test'));
      },
      finish: () => undefined,
    });
    await assert.rejects(run({ output: 'big.zip' }, inputArtifact([big]), ctx), /cancelled by the test/);
    assert.deepEqual((await readdir(work.dir)).sort(), ['output-null']);

    const outside = await mkdtemp(join(tmpdir(), 'imgbuild-zip-outside-'));
    try {
      await writeFile(join(outside, 'far.txt'), 'far away');
      await run(
        { output: 'far.zip' },
        inputArtifact([join(outside, 'far.txt')]),
        postProcessContext(work.dir),
      );
      const members = zipMembers('far.zip');
      assert.deepEqual([...members.keys()], [join(outside, 'far.txt').slice(1)]);
      assert.equal(members.values().next().value?.toString(), 'far away');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("detects formats from extensions exactly as Packer's detectFromFilename", () => {
    assert.deepEqual(detectFormat('packer_{{.BuildName}}_{{.BuilderType}}'), {
      archive: 'tar',
      algorithm: 'gzip',
    });
    assert.deepEqual(detectFormat('x.tar.gz'), { archive: 'tar', algorithm: 'gzip' });
    assert.deepEqual(detectFormat('disk.qcow2.gz'), { archive: undefined, algorithm: 'gzip' });
    assert.deepEqual(detectFormat('x.zip'), { archive: 'zip' });
    assert.deepEqual(detectFormat('x.tar'), { archive: 'tar' });
    assert.deepEqual(detectFormat('x.unknown'), { archive: 'tar', algorithm: 'gzip' });
    assert.deepEqual(detectFormat('x', 'zip'), { archive: 'zip' });
    assert.deepEqual(detectFormat('x.tar.lz4'), { archive: 'tar', algorithm: 'lz4' });
  });
});
