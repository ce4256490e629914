import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type Sshd, sshdAvailable, startSshd } from './sshd.js';

const execFileAsync = promisify(execFile);
const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';

/** Runs a command through OpenSSH's own client, trusting only the harness's host key. */
async function ssh(sshd: Sshd, command: string): Promise<string> {
  const knownHosts = join(sshd.dir, 'known_hosts_test');
  await writeFile(knownHosts, `[${sshd.host}]:${sshd.port} ${sshd.hostPublicKey}\n`);
  const { stdout } = await execFileAsync('ssh', [
    '-F',
    '/dev/null',
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-i',
    sshd.clientKeyPath,
    '-p',
    String(sshd.port),
    `${sshd.user}@${sshd.host}`,
    command,
  ]);
  return stdout;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('test/helpers/sshd: a real sshd on loopback', { skip }, () => {
  let sshd: Sshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });

  it('accepts the generated client key with the pinned host key and runs commands', async () => {
    assert.equal(await ssh(sshd, 'echo hello; id -un'), `hello\n${sshd.user}\n`);
    assert.match(sshd.hostPublicKey, /^ssh-ed25519 AAAA\S+$/);
  });

  it('kill() closes the port; start({ newHostKey }) serves again with another host key', async () => {
    const oldKey = sshd.hostPublicKey;
    await sshd.kill();
    assert.equal(await portOpen(sshd.port), false);
    await sshd.start({ newHostKey: true });
    assert.notEqual(sshd.hostPublicKey, oldKey);
    assert.equal(await ssh(sshd, 'echo again'), 'again\n');
  });

  it('stop() removes its dir and closes the port', async () => {
    const other = await startSshd();
    assert.notEqual(other.port, sshd.port);
    await other.stop();
    assert.equal(existsSync(other.dir), false);
    assert.equal(await portOpen(other.port), false);
  });
});
