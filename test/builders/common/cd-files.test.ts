import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CD_TOOLS, CdError, createCd } from '../../../src/builders/common/cd-files.js';

const hasXorriso = (() => {
  try {
    execFileSync('xorriso', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skipReason = hasXorriso ? false : 'xorriso is not installed (apt-get install xorriso)';

/** Every file of the ISO, extracted with xorriso itself, as path → content. */
async function isoFiles(iso: string, into: string): Promise<Record<string, string>> {
  execFileSync('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', into], { stdio: 'ignore' });
  const out: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out[relative(into, p)] = await readFile(p, 'utf8');
    }
  };
  await walk(into);
  return out;
}

function volumeId(iso: string): string {
  const info = execFileSync('xorriso', ['-indev', iso, '-pvd_info'], { encoding: 'utf8', stdio: 'pipe' });
  return /Volume Id\s*:\s*(\S+)/.exec(info)?.[1] ?? '';
}

describe('CD tool argv (Packer retrieveCDISOCreationCommand)', () => {
  it('builds exact command lines', () => {
    assert.deepEqual(
      CD_TOOLS.map((t) => t.argv('cidata', '/src', '/out.iso')),
      [
        ['xorriso', '-as', 'mkisofs', '-rock', '-joliet', '-volid', 'cidata', '-output', '/out.iso', '/src'],
        ['mkisofs', '-rock', '-joliet', '-volid', 'cidata', '-o', '/out.iso', '/src'],
        ['genisoimage', '-rock', '-joliet', '-volid', 'cidata', '-o', '/out.iso', '/src'],
      ],
    );
  });
});

describe('createCd (Packer StepCreateCD) with the real xorriso', { skip: skipReason }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-cd-'));
    await mkdir(join(dir, 'seed', 'nested'), { recursive: true });
    await writeFile(join(dir, 'seed', 'user-data'), '#cloud-config\n');
    await writeFile(join(dir, 'seed', 'meta-data'), 'instance-id: one\n');
    await writeFile(join(dir, 'seed', 'nested', 'deep.txt'), 'deep');
    await writeFile(join(dir, 'single.txt'), 'single');
    await symlink(join(dir, 'single.txt'), join(dir, 'link.txt'));
    await mkdir(join(dir, 'tmp'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('returns undefined when there is nothing to put on a CD', async () => {
    assert.equal(await createCd({ tempDir: join(dir, 'tmp') }), undefined);
  });

  it('puts files at the root, directories under their name, globbed contents at the root, and cd_content by path', async () => {
    const cd = await createCd({
      files: ['single.txt', 'link.txt', 'seed'],
      content: { 'extra/conf.cfg': 'a=1\n', '/top.txt': 'top' },
      label: 'mylabel',
      tempDir: join(dir, 'tmp'),
      baseDir: dir,
    });
    assert.ok(cd);
    assert.equal(volumeId(cd.path), 'mylabel');
    assert.deepEqual(await isoFiles(cd.path, join(dir, 'x1')), {
      'single.txt': 'single',
      'link.txt': 'single',
      'seed/user-data': '#cloud-config\n',
      'seed/meta-data': 'instance-id: one\n',
      'seed/nested/deep.txt': 'deep',
      'extra/conf.cfg': 'a=1\n',
      'top.txt': 'top',
    });
    // Only the ISO is left in the temp dir; cleanup removes it.
    assert.deepEqual(await readdir(join(dir, 'tmp')), [relative(join(dir, 'tmp'), cd.path)]);
    await cd.remove();
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
  });

  it('a cidata seed from a glob: contents at the root, label cidata (cloud-init NoCloud)', async () => {
    const cd = await createCd({
      files: [join(dir, 'seed', '*-data')],
      label: 'cidata',
      tempDir: join(dir, 'tmp'),
    });
    assert.ok(cd);
    assert.equal(volumeId(cd.path), 'cidata');
    assert.deepEqual(await isoFiles(cd.path, join(dir, 'x2')), {
      'user-data': '#cloud-config\n',
      'meta-data': 'instance-id: one\n',
    });
    await cd.remove();
  });

  it('default label is packer; a cd_content key cannot climb out of the CD', async () => {
    const cd = await createCd({ content: { '../../escape.txt': 'x' }, tempDir: join(dir, 'tmp') });
    assert.ok(cd);
    assert.equal(volumeId(cd.path), 'packer');
    assert.deepEqual(await isoFiles(cd.path, join(dir, 'x3')), { 'escape.txt': 'x' });
    await assert.rejects(stat(join(dir, 'escape.txt')));
    await cd.remove();
  });

  it('a missing file is an error naming it, and nothing is left behind', async () => {
    await assert.rejects(
      createCd({ files: ['nope.txt'], tempDir: join(dir, 'tmp'), baseDir: dir }),
      (e: unknown) => e instanceof CdError && /Bad CD disk file 'nope.txt': ENOENT/.test(e.message),
    );
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
  });

  it('no ISO tool on PATH: Packer message listing the tools', async () => {
    await assert.rejects(
      createCd({
        content: { a: 'b' },
        tempDir: join(dir, 'tmp'),
        tools: [{ program: 'no-such-iso-tool', argv: () => [] }],
      }),
      /could not find a supported CD ISO creation command \(the supported commands are: no-such-iso-tool\)/,
    );
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
  });

  it('a failing tool is a DriverError with its stderr, and leaves nothing', async () => {
    await assert.rejects(
      createCd({
        content: { a: 'b' },
        tempDir: join(dir, 'tmp'),
        // xorriso refuses an unknown mkisofs option.
        tools: [
          {
            program: 'xorriso',
            argv: (l, s, d) => ['xorriso', '-as', 'mkisofs', '-bogus-opt', '-o', d, s, l],
          },
        ],
      }),
      (e: unknown) => (e as Error).name === 'DriverError' && /xorriso/.test((e as Error).message),
    );
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
  });
});
