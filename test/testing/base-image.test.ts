/**
 * The tiny base image made by the project's recipe: cached by recipe hash, made once when two callers
 * race, and a real boot (GRUB from the disk alone, TCG) where a key handed over through fw_cfg logs in,
 * tty1 runs a shell, and poweroff ends qemu; the Debian image (root only: debootstrap) boots with its
 * NIC named eth0 and takes the fw_cfg key the same way.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  authorizedKeysFwCfgArgs,
  baseImagesRoot,
  baseImageUnavailableReason,
  type BaseImage,
  ensureBaseImage,
  recipeHash,
} from '../../src/testing/base-image.js';
import { bootVm } from '../helpers/boot-vm.js';

const skip = baseImageUnavailableReason('tiny') ?? false;
if (skip) console.log(`# skipping tiny base image tests: ${skip}`);

describe('base image cache keys', () => {
  test('recipe hash is 12 hex digits, stable, and differs per kind', async () => {
    const tiny = await recipeHash('tiny');
    assert.match(tiny, /^[0-9a-f]{12}$/);
    assert.equal(await recipeHash('tiny'), tiny);
    assert.notEqual(await recipeHash('debian'), tiny);
  });

  test('cache root: IMGBUILD_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(baseImagesRoot({ IMGBUILD_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), '/c/base-images');
    assert.equal(baseImagesRoot({ XDG_CACHE_HOME: '/x' }), '/x/imgbuild/base-images');
    assert.match(baseImagesRoot({}), /\/\.cache\/imgbuild\/base-images$/);
  });

  test('fw_cfg argument doubles commas (qemu option syntax) and joins keys by lines', () => {
    assert.deepEqual(authorizedKeysFwCfgArgs(['ssh-ed25519 AAA a,b ', 'ssh-rsa BBB c']), [
      '-fw_cfg',
      'name=opt/imgbuild/authorized_keys,string=ssh-ed25519 AAA a,,b\nssh-rsa BBB c',
    ]);
  });
});

describe('tiny base image (real recipe, real qemu)', { skip }, () => {
  test('two concurrent callers share one make; the result is complete and cached', {
    timeout: 900_000,
  }, async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'imgbuild-base-cache-'));
    try {
      const logs: string[] = [];
      const [a, b] = await Promise.all([
        ensureBaseImage('tiny', { cacheDir, onLog: (l) => logs.push(`a ${l}`) }),
        ensureBaseImage('tiny', { cacheDir, onLog: (l) => logs.push(`b ${l}`) }),
      ]);
      assert.equal(a.dir, b.dir);
      assert.equal(a.dir, join(cacheDir, `tiny-${await recipeHash('tiny')}`));
      assert.equal(logs.filter((l) => l.includes('bootable disk:')).length, 1, logs.join('\n'));
      const info = JSON.parse(
        execFileSync('qemu-img', ['info', '--output=json', a.disk], { encoding: 'utf8' }),
      );
      assert.equal(info.format, 'qcow2');
      assert.equal(info['virtual-size'], 1024 ** 3);
      execFileSync('qemu-img', ['check', a.disk]);
      assert.match(await readFile(a.publicKeyPath, 'utf8'), /^ssh-ed25519 /);
      // A cache hit makes nothing.
      const again: string[] = [];
      await ensureBaseImage('tiny', { cacheDir, onLog: (l) => again.push(l) });
      assert.deepEqual(again, []);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  test('boots from the disk alone; a fw_cfg key logs in; tty1 has a shell; poweroff stops qemu', {
    timeout: 600_000,
  }, async (t) => {
    const image: BaseImage = await ensureBaseImage('tiny', { onLog: (l) => t.diagnostic(l) });
    const diskHash = async () =>
      createHash('sha256')
        .update(await readFile(image.disk))
        .digest('hex');
    const before = await diskHash();
    const work = await mkdtemp(join(tmpdir(), 'imgbuild-base-key-'));
    const keyPath = join(work, 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fwcfg-test', '-f', keyPath]);
    const publicKey = (await readFile(`${keyPath}.pub`, 'utf8')).trim();
    const vm = await bootVm({
      disk: image.disk,
      name: `imgbuild-test-base-image-${process.pid}`,
      extraArgs: authorizedKeysFwCfgArgs([publicKey]),
    });
    try {
      const key = { user: image.user, privateKeyPath: keyPath };
      const ms = await vm.waitForSsh(key);
      t.diagnostic(`ssh with the fw_cfg key after ${(ms / 1000).toFixed(1)} s`);
      const keys = await vm.ssh(['cat', '/root/.ssh/authorized_keys'], key);
      assert.ok(keys.stdout.split('\n').includes(publicKey));
      // The image's own key still works too.
      const own = await vm.ssh(['cat', '/proc/cmdline'], {
        user: image.user,
        privateKeyPath: image.privateKeyPath,
      });
      assert.equal(own.exitCode, 0);
      assert.ok(own.stdout.includes('root=LABEL=imgroot'), own.stdout);
      // The shell init respawns on tty1 (the VGA console a VNC client types into).
      const onTty1 = 'for p in /proc/[0-9]*; do [ "$(readlink $p/fd/0)" = /dev/tty1 ] && cat $p/comm; done';
      const tty1 = await vm.ssh(['sh', '-c', `'${onTty1}'`], key);
      assert.deepEqual(tty1.stdout.trim().split('\n'), ['sh']);
      await vm.ssh(['poweroff'], key);
      assert.ok(await vm.waitExit(30_000), 'qemu still running 30 s after poweroff');
      assert.match(await vm.console(), /imgtiny: authorized keys from fw_cfg/);
    } finally {
      await vm.kill();
      await rm(work, { recursive: true, force: true });
    }
    assert.equal(await diskHash(), before, 'the cached disk changed');
  });
});

const skipDebian = baseImageUnavailableReason('debian') ?? false;
if (skipDebian) console.log(`# skipping the Debian base image boot test: ${skipDebian}`);

describe('Debian base image (real recipe, real qemu)', { skip: skipDebian }, () => {
  test('boots from the disk alone as eth0; a fw_cfg key logs in; poweroff stops qemu', {
    timeout: 30 * 60_000,
  }, async (t) => {
    const image = await ensureBaseImage('debian', { onLog: (l) => t.diagnostic(l) });
    const work = await mkdtemp(join(tmpdir(), 'imgbuild-base-key-'));
    const keyPath = join(work, 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fwcfg-test', '-f', keyPath]);
    const publicKey = (await readFile(`${keyPath}.pub`, 'utf8')).trim();
    const vm = await bootVm({
      disk: image.disk,
      name: `imgbuild-test-base-image-debian-${process.pid}`,
      memoryMb: 1024,
      extraArgs: authorizedKeysFwCfgArgs([publicKey]),
    });
    try {
      const key = { user: image.user, privateKeyPath: keyPath };
      const ms = await vm.waitForSsh(key, 300_000);
      t.diagnostic(`ssh with the fw_cfg key after ${(ms / 1000).toFixed(1)} s`);
      const facts = await vm.ssh(
        [
          'sh',
          '-c',
          "'cat /proc/cmdline; ip -o -4 addr show dev eth0; systemctl show -p Result imgbuild-fw-cfg-keys'",
        ],
        key,
      );
      assert.equal(facts.exitCode, 0, facts.stdout);
      assert.match(facts.stdout, /net\.ifnames=0/);
      assert.match(facts.stdout, /eth0\s+inet 10\.0\.2\.15\//);
      assert.match(facts.stdout, /Result=success/);
      await vm.ssh(['poweroff'], key);
      assert.ok(await vm.waitExit(90_000), 'qemu still running 90 s after poweroff');
      assert.match(await vm.console(), /imgbuild: authorized keys from fw_cfg/);
    } finally {
      await vm.kill();
      await rm(work, { recursive: true, force: true });
    }
  });
});
