import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SSH_DEFAULTS, sshOptionsFromConfig } from '../../../src/communicator/ssh/index.js';

describe('sshOptionsFromConfig: decoded ssh_* options to communicator options', () => {
  it("applies Packer's defaults", () => {
    const o = sshOptionsFromConfig({ ssh_host: '10.0.0.5', ssh_username: 'ubuntu', ssh_password: 'pw' });
    assert.equal(o.host, '10.0.0.5');
    assert.equal(o.port, 22);
    assert.equal(o.username, 'ubuntu');
    assert.equal(o.password, 'pw');
    assert.equal(o.timeoutMs, 5 * 60_000);
    assert.equal(o.handshakeAttempts, 10);
    assert.equal(o.keepAliveIntervalMs, 5_000);
    assert.equal(o.readWriteTimeoutMs, 0);
    assert.equal(o.pty, false);
    assert.equal(o.bastion, undefined);
    assert.equal(o.retryDelayMs, SSH_DEFAULTS.retryDelayMs);
  });

  it('reads durations, counts, pty, agent, algorithms and the key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imgbuild-sshopts-'));
    try {
      await writeFile(join(dir, 'id'), 'KEY');
      const o = sshOptionsFromConfig({
        ssh_host: 'h',
        ssh_port: 2222,
        ssh_username: 'u',
        ssh_private_key_file: join(dir, 'id'),
        ssh_agent_auth: true,
        ssh_timeout: '1m30s',
        ssh_handshake_attempts: 3,
        ssh_keep_alive_interval: '2s',
        ssh_read_write_timeout: '10m',
        ssh_pty: true,
        ssh_ciphers: ['aes128-ctr'],
        ssh_key_exchange_algorithms: ['curve25519-sha256'],
        ssh_bastion_host: 'jump',
        ssh_bastion_username: 'bu',
      });
      assert.equal(o.port, 2222);
      assert.equal(String(o.privateKey), 'KEY');
      assert.equal(o.agent, true);
      assert.equal(o.timeoutMs, 90_000);
      assert.equal(o.handshakeAttempts, 3);
      assert.equal(o.keepAliveIntervalMs, 2_000);
      assert.equal(o.readWriteTimeoutMs, 600_000);
      assert.equal(o.pty, true);
      assert.deepEqual(o.ciphers, ['aes128-ctr']);
      assert.deepEqual(o.keyExchangeAlgorithms, ['curve25519-sha256']);
      // Packer reuses ssh_private_key_file for the bastion when it has no key of its own.
      assert.deepEqual(
        { ...o.bastion, privateKey: String(o.bastion?.privateKey) },
        {
          host: 'jump',
          port: 22,
          username: 'bu',
          password: undefined,
          privateKey: 'KEY',
          agent: undefined,
        },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ssh_wait_timeout is the old name of ssh_timeout; the builder’s address and key override the template', () => {
    const o = sshOptionsFromConfig(
      { ssh_username: 'u', ssh_wait_timeout: '20s' },
      { host: '192.168.1.9', port: 2200, privateKey: 'TEMP' },
    );
    assert.equal(o.timeoutMs, 20_000);
    assert.equal(o.host, '192.168.1.9');
    assert.equal(o.port, 2200);
    assert.equal(o.privateKey, 'TEMP');
  });

  it('says what is missing or unreadable', () => {
    assert.throws(() => sshOptionsFromConfig({ ssh_username: 'u' }), /ssh_host is not set/);
    assert.throws(
      () =>
        sshOptionsFromConfig({ ssh_host: 'h', ssh_username: 'u', ssh_private_key_file: '/nonexistent/key' }),
      /ssh_private_key_file: cannot read \/nonexistent\/key/,
    );
    assert.throws(
      () => sshOptionsFromConfig({ ssh_host: 'h', ssh_username: 'u', ssh_proxy_host: 'socks' }),
      /ssh_proxy_host is not supported by imgbuild's SSH communicator yet/,
    );
  });
});
