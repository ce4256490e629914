/**
 * `npm run demo`: installs the host packages the QEMU builder needs (only missing ones), makes or
 * reuses the Debian base image, builds examples/service with the real CLI, and prints where the
 * images are and how to boot one (test/e2e/qemu-service.test.ts boots them and checks /health).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../src/process/run-program.js';
import { ensureBaseImage } from '../src/testing/base-image.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The checkout: the demo runs from scripts/ (tsx) or dist/scripts/ (built). */
const repo = [resolve(here, '..'), resolve(here, '..', '..')].find((d) =>
  existsSync(join(d, 'examples', 'service')),
)!;
const PACKAGES = [
  'qemu-system-x86',
  'qemu-utils',
  'debootstrap',
  'xorriso',
  'fdisk',
  'kmod',
  'grub-pc-bin',
  'e2fsprogs',
  'openssh-client',
];

/** /dev/kvm alone is not enough: some hosts have it without vmx/svm, and guests hang under it. */
function kvmUsable(): boolean {
  try {
    return existsSync('/dev/kvm') && /^flags\s*:.*\b(vmx|svm)\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}

async function missingPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of PACKAGES) {
    const { exitCode } = await runProgram(['dpkg', '-s', pkg], { okExitCodes: [0, 1] });
    if (exitCode !== 0) missing.push(pkg);
  }
  return missing;
}

function run(argv: string[], signal: AbortSignal): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', cwd: repo, signal });
    child.once('error', reject);
    child.once('exit', (code, sig) => resolvePromise(code ?? (sig ? 128 : 1)));
  });
}

async function main(): Promise<number> {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort(new Error(sig)));
  const { signal } = controller;
  const started = Date.now();
  const step = (text: string) =>
    console.log(`\n==> ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  step('host packages');
  const missing = await missingPackages();
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      console.error(
        `missing packages: ${missing.join(' ')}\nrun: sudo apt-get install -y ${missing.join(' ')}`,
      );
      return 1;
    }
    await run(['apt-get', 'update', '-qq'], signal);
    const code = await run(['apt-get', 'install', '-y', '-qq', ...missing], signal);
    if (code !== 0) return code;
  } else {
    console.log('all installed');
  }
  if (process.getuid?.() !== 0) {
    console.error('the Debian base image is made with debootstrap, which needs root: run the demo as root');
    return 1;
  }

  step('Debian base image (first time ~4 min, then cached)');
  const image = await ensureBaseImage('debian', { signal, onLog: (line) => console.log(`    ${line}`) });
  console.log(`    ${image.disk}`);

  step('imgbuild build examples/service');
  const output = join(repo, 'output-service');
  const code = await run(
    [
      process.execPath,
      join(repo, 'dist/cli/main.js'),
      'build',
      '-force',
      `-var=base_image=${image.disk}`,
      `-var=ssh_private_key_file=${image.privateKeyPath}`,
      `-var=output_directory=${output}`,
      ...(kvmUsable() ? [] : ['-var=accelerator=tcg']),
      join(repo, 'examples/service'),
    ],
    signal,
  );
  if (code !== 0) return code;

  const manifest = JSON.parse(await readFile(join(output, 'manifest.json'), 'utf8')) as {
    builds: { files: { name: string; size: number }[] }[];
  };
  step('done');
  for (const file of manifest.builds.flatMap((b) => b.files))
    console.log(`    ${file.name}  (${file.size} bytes)`);
  console.log(`
Boot the image (the service answers on http://127.0.0.1:8080/health):
  qemu-system-x86_64 -accel tcg -m 512 -smp 2 -nographic -snapshot \\
    -drive file=${join(output, 'service.qcow2')},if=virtio \\
    -netdev user,id=n0,hostfwd=tcp:127.0.0.1:8080-:8080 -device virtio-net-pci,netdev=n0 -device virtio-rng-pci`);

  console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
