import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { generateTemporaryKeyPair, SshCommunicator } from '../../../src/communicator/ssh/index.js';
import { sshdAvailable, startSshd } from '../../helpers/sshd.js';

const execFileAsync = promisify(execFile);
const skip = sshdAvailable() ? false : 'openssh-server is not installed (ssh-keygen, sshd missing)';

describe('temporary key pairs', { skip, timeout: 30_000 }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-keypair-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** OpenSSH's own ssh-keygen derives the public key from our private key: both halves agree. */
  async function publicFromPrivate(privateKey: string): Promise<string> {
    const path = join(dir, `key-${Math.random().toString(36).slice(2)}`);
    await writeFile(path, privateKey, { mode: 0o600 });
    return (await execFileAsync('ssh-keygen', ['-y', '-f', path])).stdout.trim();
  }

  it('ed25519: an OpenSSH private key that ssh-keygen reads, and the matching public line', async () => {
    const pair = generateTemporaryKeyPair({ name: 'packer_build' });
    assert.match(
      pair.privateKey,
      /^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/,
    );
    assert.match(pair.publicKey, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\S+ packer_build$/);
    const derived = await publicFromPrivate(pair.privateKey);
    assert.equal(derived.split(' ').slice(0, 2).join(' '), pair.publicKey.split(' ').slice(0, 2).join(' '));
    assert.notEqual(generateTemporaryKeyPair().publicKey, pair.publicKey);
  });

  it('rsa: a PKCS#1 PEM private key and the matching ssh-rsa line', async () => {
    const pair = generateTemporaryKeyPair({ type: 'rsa', bits: 2048 });
    assert.match(pair.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
    const derived = await publicFromPrivate(pair.privateKey);
    assert.equal(derived.split(' ').slice(0, 2).join(' '), pair.publicKey.split(' ').slice(0, 2).join(' '));
  });

  it('both kinds log in to a real sshd that authorises the public line', async () => {
    const ed = generateTemporaryKeyPair();
    const rsa = generateTemporaryKeyPair({ type: 'rsa', bits: 2048 });
    const sshd = await startSshd({ authorizedKeys: [ed.publicKey, rsa.publicKey] });
    try {
      for (const pair of [ed, rsa]) {
        const comm = await SshCommunicator.connect({
          host: sshd.host,
          port: sshd.port,
          username: sshd.user,
          privateKey: pair.privateKey,
          handshakeAttempts: 1,
        });
        try {
          assert.equal((await comm.exec('true')).exitCode, 0, pair.type);
        } finally {
          await comm.close();
        }
      }
    } finally {
      await sshd.stop();
    }
  });
});
