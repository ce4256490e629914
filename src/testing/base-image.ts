/**
 * The project's own base VM images for tests, the demo and the benchmarks, made from Debian packages by
 * scripts/base-image/ and cached outside the repository, keyed by the recipe's content so a machine (or
 * CI) rebuilds an image only when its recipe changes.
 *
 *   const image = await ensureBaseImage('tiny', { signal, onLog: (line) => console.log(line) });
 *   // image.disk boots on its own (MBR + GRUB); SSH as image.user with image.privateKeyPath
 *
 * Kinds: `tiny` (busybox + dropbear, ~20 MB, ~15 s to make, SSH ~10 s after qemu starts under TCG) and
 * `debian` (bookworm minbase + systemd + OpenSSH, ~330 MB, ~4 min to make, needs root for debootstrap).
 * Both authorize, at boot, the keys in the fw_cfg file {@link FW_CFG_AUTHORIZED_KEYS}, and need
 * `-device virtio-rng-pci` to have sshd answer fast.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withFileLock } from '../builders/common/download/lock.js';
import { runProgram } from '../process/run-program.js';

export type BaseImageKind = 'tiny' | 'debian';

export interface BaseImage {
  readonly kind: BaseImageKind;
  /** The cache directory holding every file below. Never write into it: boot with an overlay or -snapshot. */
  readonly dir: string;
  /** qcow2, MBR + GRUB + ext4 labelled `imgroot`: boots by itself, or with kernel/initrd/append. */
  readonly disk: string;
  /** A whole-disk (unpartitioned) variant; the current recipes do not make one. */
  readonly wholeDisk?: string;
  readonly kernel: string;
  readonly initrd: string;
  /** Kernel command line for direct kernel boot of `disk` (-kernel/-initrd/-append). */
  readonly append: string;
  /** ed25519 key authorized for `user` (OpenSSH format, mode 0600, no passphrase). */
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly user: string;
}

export interface EnsureBaseImageOptions {
  readonly signal?: AbortSignal;
  /** Progress lines of the recipe while an image is being made (nothing is printed on a cache hit). */
  readonly onLog?: (line: string) => void;
  /** Where images are kept; default {@link baseImagesRoot}. */
  readonly cacheDir?: string;
}

/** fw_cfg file whose lines the images' init adds to root's authorized_keys at boot. */
export const FW_CFG_AUTHORIZED_KEYS = 'opt/imgbuild/authorized_keys';

/** qemu arguments handing public key lines to a booting base image (one line per key). */
export function authorizedKeysFwCfgArgs(publicKeyLines: readonly string[]): string[] {
  const text = publicKeyLines.map((l) => l.trim()).join('\n');
  // qemu splits -fw_cfg options at commas; a doubled comma is a literal one.
  return ['-fw_cfg', `name=${FW_CFG_AUTHORIZED_KEYS},string=${text.replaceAll(',', ',,')}`];
}

const SCRIPTS: Record<BaseImageKind, string> = {
  tiny: 'make-tiny-image.sh',
  debian: 'make-debian-image.sh',
};

/** scripts/base-image/ of this checkout, found upwards from this module (src/ or dist/src/). */
export function recipeDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'scripts', 'base-image');
    if (existsSync(join(candidate, 'lib-disk.sh'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('scripts/base-image/ not found above the imgbuild module');
    dir = parent;
  }
}

/** 12 hex digits of the SHA-256 of the recipe files of `kind` (names and contents). */
export async function recipeHash(kind: BaseImageKind): Promise<string> {
  const hash = createHash('sha256');
  for (const name of ['lib-disk.sh', SCRIPTS[kind]]) {
    hash.update(`${name}\0`);
    hash.update(await readFile(join(recipeDir(), name)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** `$IMGBUILD_CACHE_DIR/base-images`, else `${XDG_CACHE_HOME:-~/.cache}/imgbuild/base-images`. */
export function baseImagesRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IMGBUILD_CACHE_DIR) return resolve(env.IMGBUILD_CACHE_DIR, 'base-images');
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return resolve(xdg, 'imgbuild', 'base-images');
}

/** Why `kind` cannot be made or booted here, or undefined when it can (tests print it when skipping). */
export function baseImageUnavailableReason(kind: BaseImageKind): string | undefined {
  const programs = ['qemu-system-x86_64', 'qemu-img', 'mkfs.ext4', 'sfdisk', 'grub-mkimage', 'apt-get'];
  if (kind === 'debian') programs.push('debootstrap');
  const path = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  const missing = programs.filter((p) => !path.some((d) => d && existsSync(join(d, p))));
  if (missing.length > 0) return `${kind} base image needs ${missing.join(', ')} (see .ci/run)`;
  if (!existsSync('/usr/lib/grub/i386-pc/boot.img')) return `${kind} base image needs grub-pc-bin`;
  if (kind === 'debian' && process.getuid?.() !== 0) return 'debian base image needs root (debootstrap)';
  return undefined;
}

function imageFromDir(kind: BaseImageKind, dir: string, meta: { user: string; append: string }): BaseImage {
  return {
    kind,
    dir,
    disk: join(dir, 'disk.qcow2'),
    kernel: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd.img'),
    append: meta.append,
    privateKeyPath: join(dir, 'id_ed25519'),
    publicKeyPath: join(dir, 'id_ed25519.pub'),
    user: meta.user,
  };
}

async function readImage(kind: BaseImageKind, dir: string): Promise<BaseImage | undefined> {
  let meta: { user: string; append: string };
  try {
    meta = JSON.parse(await readFile(join(dir, 'image.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const image = imageFromDir(kind, dir, meta);
  const complete = [image.disk, image.kernel, image.initrd, image.privateKeyPath].every((f) => existsSync(f));
  return complete ? image : undefined;
}

/**
 * Returns the cached image of `kind`, making it first when the cache has none for the current recipe.
 * The image is made in a temporary directory next to its final place and renamed when complete, so an
 * interrupted run leaves no half image behind under the final name.
 */
export async function ensureBaseImage(
  kind: BaseImageKind,
  options: EnsureBaseImageOptions = {},
): Promise<BaseImage> {
  const root = options.cacheDir ?? baseImagesRoot();
  const dir = join(root, `${kind}-${await recipeHash(kind)}`);
  const cached = await readImage(kind, dir);
  if (cached) return cached;
  const reason = baseImageUnavailableReason(kind);
  if (reason) throw new Error(`cannot make the ${kind} base image: ${reason}`);
  await mkdir(root, { recursive: true });
  return withFileLock(
    `${dir}.lock`,
    async () => {
      const made = await readImage(kind, dir);
      if (made) return made;
      const tmp = `${dir}.tmp-${process.pid}`;
      await rm(tmp, { recursive: true, force: true });
      const script = join(recipeDir(), SCRIPTS[kind]);
      // The tiny recipe needs no root; fakeroot makes mkfs record its files as root's.
      const asRoot = process.getuid?.() === 0 || !existsSync('/usr/bin/fakeroot') ? [] : ['fakeroot'];
      let pending = '';
      const onStdout = (text: string) => {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.onLog?.(line);
      };
      try {
        await runProgram([...asRoot, 'bash', script, tmp], { signal: options.signal, onStdout });
        if (pending) options.onLog?.(pending);
        const image = await readImage(kind, tmp);
        if (!image) throw new Error(`${SCRIPTS[kind]} finished but ${tmp} lacks disk.qcow2, kernel or key`);
        await rm(dir, { recursive: true, force: true });
        await rename(tmp, dir);
      } catch (error) {
        await rm(tmp, { recursive: true, force: true });
        throw error;
      }
      const image = await readImage(kind, dir);
      if (!image) throw new Error(`base image ${dir} vanished after it was made`);
      return image;
    },
    // node --test runs test files in parallel: one maker per image across processes.
    { signal: options.signal, pollMs: 1000 },
  );
}
