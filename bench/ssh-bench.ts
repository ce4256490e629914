/**
 * What the SSH benchmarks (upload, exec) share: a real sshd and a tmp dir that are removed whatever
 * happens (error, Ctrl-C, SIGTERM), a check that Debian's packer is there, one JSON template both
 * tools accept (so the two builds are the same build), and timed runs of either tool.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sshd, sshdAvailable, startSshd } from '../test/helpers/sshd.js';
import { cli } from './common.js';

export interface BenchEnv {
  readonly sshd: Sshd;
  /** Scratch space for templates, payloads and upload destinations; removed at the end. */
  readonly dir: string;
}

/**
 * Runs `body` with a fresh sshd and tmp dir and removes both afterwards, also on a signal (the
 * sshd harness's watchdog covers a SIGKILL). Failures end with a clear `<name>: …` line.
 */
export async function withBenchEnv(name: string, body: (env: BenchEnv) => Promise<void>): Promise<void> {
  const missing = prerequisites();
  if (missing) {
    console.log(`${name}: ${missing}`);
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), `imgbuild-bench-${name}-`));
  let sshd: Sshd | undefined;
  const cleanup = async () => {
    await sshd?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`${name}: interrupted by ${signal}; removing sshd and ${dir}`);
    running?.kill('SIGKILL');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    sshd = await startSshd();
    await body({ sshd, dir });
  } catch (err) {
    console.log(`${name}: failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Why the benchmark cannot run here, or undefined. */
function prerequisites(): string | undefined {
  if (!existsSync(cli)) return `${cli} not built (npm run build)`;
  if (!sshdAvailable()) return '/usr/sbin/sshd not found (apt-get install openssh-server); cannot run';
  const packer = spawnSync('packer', ['version'], { encoding: 'utf8' });
  if (packer.error || packer.status !== 0)
    return 'packer not found on PATH (apt-get install packer); cannot compare';
  const sftp = spawnSync('sftp', ['-h'], { encoding: 'utf8' });
  if (sftp.error) return 'sftp not found on PATH (apt-get install openssh-client); cannot compare';
  return undefined;
}

/**
 * A legacy JSON template with a null builder pointed at the bench sshd: both Packer 1.6.6 and
 * imgbuild read it, so each tool runs exactly the same build.
 */
export function writeTemplate(env: BenchEnv, file: string, provisioners: readonly object[]): string {
  const path = join(env.dir, file);
  const template = {
    builders: [
      {
        type: 'null',
        name: 'bench',
        ssh_host: env.sshd.host,
        ssh_port: env.sshd.port,
        ssh_username: env.sshd.user,
        ssh_private_key_file: env.sshd.clientKeyPath,
      },
    ],
    provisioners,
  };
  writeFileSync(path, `${JSON.stringify(template, null, 2)}\n`);
  return path;
}

/** The tool being timed, so that a signal to the bench does not leave it behind. */
let running: ChildProcess | undefined;

export interface Timed {
  readonly seconds: number;
  readonly output: string;
}

/** Runs a command to completion (asynchronously, so a signal reaches our cleanup) and times it. */
export function timed(cmd: string, args: readonly string[], cwd: string): Promise<Timed> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_NO_COLOR: '1' },
    });
    running = child;
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      output += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      output += s;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running = undefined;
      const seconds = (performance.now() - t0) / 1000;
      if (code === 0) resolve({ seconds, output });
      else
        reject(
          new Error(
            `${cmd} ${args.join(' ')} exited with ${signal ?? code}:\n${output.split('\n').slice(-15).join('\n')}`,
          ),
        );
    });
  });
}

export const imgbuildBuild = (template: string, cwd: string) =>
  timed(process.execPath, [cli, 'build', '-color=false', template], cwd);

export const packerBuild = (template: string, cwd: string) =>
  timed('packer', ['build', '-color=false', template], cwd);

/** `--name value` from argv, as a number, or the default. */
export function numberFlag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
