/**
 * `npm run bench:upload [-- --size-mb N --runs N]`: one file (512 MB by default) uploaded to the same
 * local sshd by (a) imgbuild's `file` provisioner (`imgbuild build`, null builder), (b) OpenSSH
 * `sftp -b` with a batch `put` and the same key, (c) Debian's `packer build` of the same template.
 * 3 interleaved runs each, medians. Each time is the whole command (process start, connect, transfer,
 * exit), as a user would wait for it; every upload is checked for its size and removed afterwards.
 * The last line reads `upload: imgbuild X MB/s, sftp Y MB/s, packer Z MB/s` (MB = 10^6 bytes).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './common.js';
import {
  type BenchEnv,
  imgbuildBuild,
  numberFlag,
  packerBuild,
  type Timed,
  timed,
  withBenchEnv,
  writeTemplate,
} from './ssh-bench.js';

const MiB = 1024 * 1024;
const sizeMb = numberFlag('size-mb', 512);
const runs = numberFlag('runs', 3);

/** A repeated 1 MiB random block: incompressible enough for SSH and written in well under a second. */
function writePayload(path: string, bytes: number): void {
  const block = randomBytes(MiB);
  const fd = openSync(path, 'w');
  try {
    for (let left = bytes; left > 0; left -= MiB) writeSync(fd, block, 0, Math.min(MiB, left));
  } finally {
    closeSync(fd);
  }
}

async function bench(env: BenchEnv): Promise<void> {
  const bytes = sizeMb * 1_000_000;
  const payload = join(env.dir, 'payload.bin');
  writePayload(payload, bytes);
  const destination = join(env.dir, 'uploaded.bin');
  const template = writeTemplate(env, 'upload.json', [{ type: 'file', source: payload, destination }]);
  const batch = join(env.dir, 'sftp-batch');
  writeFileSync(batch, `put ${payload} ${destination}\n`);
  const sftpArgs = [
    '-b',
    batch,
    '-i',
    env.sshd.clientKeyPath,
    '-P',
    String(env.sshd.port),
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    `UserKnownHostsFile=${join(env.dir, 'known_hosts')}`,
    `${env.sshd.user}@${env.sshd.host}`,
  ];

  const tools: Record<string, () => Promise<Timed>> = {
    imgbuild: () => imgbuildBuild(template, env.dir),
    sftp: () => timed('sftp', sftpArgs, env.dir),
    packer: () => packerBuild(template, env.dir),
  };
  const times: Record<string, number[]> = { imgbuild: [], sftp: [], packer: [] };
  console.log(
    `${sizeMb} MB (${bytes} bytes) to sshd on ${env.sshd.host}:${env.sshd.port}, ${runs} interleaved runs`,
  );
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(tools)) {
      const r = await run();
      const size = statSync(destination, { throwIfNoEntry: false })?.size;
      if (size !== bytes)
        throw new Error(`${name} left ${size ?? 'no'} bytes at the destination, not ${bytes}`);
      rmSync(destination);
      times[name]!.push(r.seconds);
      console.log(`run ${i + 1} ${name}: ${r.seconds.toFixed(2)} s, ${(sizeMb / r.seconds).toFixed(1)} MB/s`);
    }
  }
  const rate = (name: string) => (sizeMb / median(times[name]!)).toFixed(1);
  console.log(
    `upload: imgbuild ${rate('imgbuild')} MB/s, sftp ${rate('sftp')} MB/s, packer ${rate('packer')} MB/s`,
  );
}

await withBenchEnv('upload', bench);
