/**
 * The SSH client's cipher preference is Packer's (Go x/crypto): AES-GCM, then chacha20-poly1305, then
 * the CTR ciphers. A server without GCM (dropbear in the tiny test image) must get chacha20-poly1305,
 * not aes128-ctr + HMAC (half the upload speed into a TCG guest); with ssh_ciphers the template decides.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SshCommunicator } from '../../../src/communicator/ssh/index.js';
import { type Sshd, sshdAvailable, startSshd, sshdLogin } from '../../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';
if (skip) console.log(`# skipping cipher order tests: ${skip}`);

const negotiated = (log: string) => /kex: client->server cipher: (\S+)/.exec(log)?.[1];

describe('SSH cipher preference', { skip }, () => {
  const servers: Sshd[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
  });
  async function cipherAgainst(serverCiphers: string, clientCiphers?: string[]) {
    const sshd = await startSshd({ extraConfig: [`Ciphers ${serverCiphers}`], logLevel: 'DEBUG1' });
    servers.push(sshd);
    const comm = await SshCommunicator.connect({
      ...sshdLogin(sshd),
      timeoutMs: 10_000,
      ...(clientCiphers ? { ciphers: clientCiphers } : {}),
    });
    await comm.close();
    return negotiated(sshd.log());
  }

  it('a server without GCM gets chacha20-poly1305 before CTR', async () => {
    assert.equal(
      await cipherAgainst('aes128-ctr,aes256-ctr,chacha20-poly1305@openssh.com'),
      'chacha20-poly1305@openssh.com',
    );
  });
  it('a server with GCM gets aes128-gcm, as Packer', async () => {
    assert.equal(
      await cipherAgainst('aes128-ctr,chacha20-poly1305@openssh.com,aes128-gcm@openssh.com'),
      'aes128-gcm@openssh.com',
    );
  });
  it('ssh_ciphers from the template win', async () => {
    assert.equal(
      await cipherAgainst('aes128-ctr,chacha20-poly1305@openssh.com', ['aes128-ctr']),
      'aes128-ctr',
    );
  });
});
