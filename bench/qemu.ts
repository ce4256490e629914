/**
 * `npm run bench:qemu`: the same QEMU build by Debian's packer 1.6.6 and by imgbuild, from the same
 * base image (disk_image = true, TCG, GRUB boot from the disk, SSH as root with a key, a shell
 * provisioner, a 50 MB file upload, another shell, poweroff, qcow2 compaction), one template both
 * read. Runs are interleaved (packer, imgbuild, packer, …) because this host's speed drifts; each run
 * is split into phases by the time its UI printed Packer's step lines. Medians are reported.
 *
 *   npm run bench:qemu [-- --runs 3] [-- --image tiny|debian]
 *
 * Last line: `qemu build: imgbuild X s, packer Y s, ratio R`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killProcessGroup } from '../src/process/run-program.js';
import {
  type BaseImageKind,
  baseImageUnavailableReason,
  ensureBaseImage,
} from '../src/testing/base-image.js';
import { cli, median } from './common.js';

const PHASES = [
  ['prepare+copy', 'START', 'Starting VM'],
  ['boot->SSH', 'Starting VM', 'Connected to SSH!'],
  ['provision', 'Connected to SSH!', 'Gracefully halting'],
  // within provisioning: the 50 MB file provisioner (until the next shell provisioner starts)
  ['  upload', 'Uploading ', 'Provisioning with shell script'],
  ['shutdown', 'Gracefully halting', 'Converting hard drive'],
  ['output', 'Converting hard drive', 'END'],
] as const;

type Tool = 'packer' | 'imgbuild';

interface Run {
  readonly tool: Tool;
  readonly total: number;
  readonly phases: Record<string, number | undefined>;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** HCL2 that Packer 1.6.6 reads too (no tolist/type functions; boot_wait "-1s" is "no wait" there). */
function template(): string {
  return `variable "base_image" { type = string }
variable "ssh_key" { type = string }
variable "payload" { type = string }
variable "output_dir" { type = string }
variable "console_log" { type = string }

source "qemu" "bench" {
  iso_url          = var.base_image
  iso_checksum     = "none"
  disk_image       = true
  use_backing_file = false
  skip_resize_disk = true
  disk_size        = "2G"
  format           = "qcow2"
  accelerator      = "tcg"
  headless         = true
  memory           = 1024
  cpus             = 2
  disk_interface   = "virtio"
  net_device       = "virtio-net"
  boot_wait        = "-1s"
  vm_name          = "image.qcow2"
  output_directory = var.output_dir
  qemuargs = [
    ["-netdev", "user,id=user.0,hostfwd=tcp:127.0.0.1:{{ .SSHHostPort }}-:22"],
    ["-device", "virtio-net-pci,netdev=user.0"],
    ["-device", "virtio-rng-pci"],
    ["-serial", "file:\${var.console_log}"],
  ]
  communicator         = "ssh"
  ssh_username         = "root"
  ssh_private_key_file = var.ssh_key
  ssh_timeout          = "10m"
  shutdown_command     = "poweroff"
  shutdown_timeout     = "2m"
}

build {
  sources = ["source.qemu.bench"]
  provisioner "shell" {
    inline = ["uname -r", "echo built > /etc/imgbuild-stamp", "df -h /"]
  }
  provisioner "file" {
    source      = var.payload
    destination = "/root/payload.bin"
  }
  provisioner "shell" {
    inline = ["sha256sum /root/payload.bin", "cat /etc/imgbuild-stamp", "sync"]
  }
}
`;
}

let running: number | undefined;

/**
 * Seconds from the first line containing `from` to the first later line containing `to`; START and
 * END are the process's start and exit.
 */
function phase(lines: readonly { t: number; text: string }[], from: string, to: string): number | undefined {
  const i = from === 'START' ? 0 : lines.findIndex((l) => l.text.includes(from));
  if (i < 0) return undefined;
  const rest = lines.slice(i + 1);
  const j = rest.findIndex((l) => l.text.includes(to));
  if (j < 0) return undefined;
  return rest[j]!.t - lines[i]!.t;
}

/** One build; the time of each output line is taken as it arrives. */
function timedBuild(tool: Tool, argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const lines: { t: number; text: string }[] = [{ t: 0, text: 'START' }];
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child.pid;
    let pending = '';
    const onData = (chunk: Buffer) => {
      const t = (performance.now() - start) / 1000;
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) lines.push({ t, text });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => {
      running = undefined;
      const total = (performance.now() - start) / 1000;
      lines.push({ t: total, text: `${pending}\nEND` });
      if (code !== 0) {
        const tail = lines.slice(-20).map((l) => l.text);
        reject(new Error(`${tool} build failed (exit ${code}):\n${tail.join('\n')}`));
        return;
      }
      const phases: Record<string, number | undefined> = {};
      for (const [name, from, to] of PHASES) phases[name] = phase(lines, from, to);
      resolve({ tool, total, phases });
    });
  });
}

const fmt = (n: number | undefined) => (n === undefined ? 'n/a' : n.toFixed(1));

async function main(): Promise<void> {
  const runs = Number(option('runs', '3'));
  const kind = option('image', 'debian') as BaseImageKind;
  const missing = !existsSync(cli)
    ? `${cli} not built (npm run build)`
    : spawnSync('packer', ['version']).status !== 0
      ? 'packer not found (apt-get install packer)'
      : baseImageUnavailableReason(kind);
  if (missing) {
    console.log(`bench:qemu: ${missing}`);
    process.exitCode = 1;
    return;
  }
  const image = await ensureBaseImage(kind, { onLog: (l) => console.log(`# ${l}`) });
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-bench-qemu-'));
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`bench:qemu: interrupted by ${signal}; stopping the build and removing ${dir}`);
    if (running) killProcessGroup(running, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const file = join(dir, 'bench.pkr.hcl');
    writeFileSync(file, template());
    const payload = join(dir, 'payload.bin');
    writeFileSync(payload, randomBytes(50 * 1024 * 1024));
    const packerVersion = spawnSync('packer', ['version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    console.log(`# ${packerVersion}; imgbuild ${cli}; ${kind} base image ${image.disk}`);
    console.log(
      `# load average at start: ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim()}`,
    );
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      for (const tool of ['packer', 'imgbuild'] as const) {
        const out = join(dir, `out-${tool}-${i}`);
        const vars = [
          `-var=base_image=${image.disk}`,
          `-var=ssh_key=${image.privateKeyPath}`,
          `-var=payload=${payload}`,
          `-var=output_dir=${out}`,
          `-var=console_log=${join(dir, `console-${tool}-${i}.log`)}`,
        ];
        const argv =
          tool === 'packer'
            ? ['packer', 'build', '-color=false', ...vars, file]
            : [process.execPath, cli, 'build', '-color=false', ...vars, file];
        const env = {
          ...process.env,
          CHECKPOINT_DISABLE: '1',
          PACKER_CACHE_DIR: join(dir, 'packer_cache'),
          CI: 'true',
        };
        const run = await timedBuild(tool, argv, dir, env);
        results.push(run);
        const phases = PHASES.map(([name]) => `${name}=${fmt(run.phases[name])}`).join(' ');
        console.log(`run=${i + 1} ${tool.padEnd(8)} total=${run.total.toFixed(1)} s | ${phases}`);
        rmSync(out, { recursive: true, force: true });
      }
    }
    const med = (tool: Tool, pick: (r: Run) => number | undefined) => {
      const xs = results
        .filter((r) => r.tool === tool)
        .map(pick)
        .filter((x): x is number => x !== undefined);
      return xs.length ? median(xs) : undefined;
    };
    console.log('\nmedians (s)      packer  imgbuild');
    for (const [name] of PHASES) {
      const p = med('packer', (r) => r.phases[name]);
      const m = med('imgbuild', (r) => r.phases[name]);
      console.log(`  ${name.padEnd(14)} ${fmt(p).padStart(6)}  ${fmt(m).padStart(8)}`);
    }
    const packer = med('packer', (r) => r.total)!;
    const imgbuild = med('imgbuild', (r) => r.total)!;
    console.log(
      `qemu build: imgbuild ${imgbuild.toFixed(1)} s, packer ${packer.toFixed(1)} s, ratio ${(imgbuild / packer).toFixed(2)}`,
    );
  } catch (error) {
    console.log(`bench:qemu: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
