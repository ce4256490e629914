import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  generateTemporaryKeyPair,
  type SshAttemptFailure,
  SshCommunicator,
  SshConnectError,
} from '../../../src/communicator/ssh/index.js';
import { type Sshd, sshdAvailable, startSshd } from '../../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';
const execFileAsync = promisify(execFile);

describe('SSH communicator: connecting to a real sshd', { skip, timeout: 30_000 }, () => {
  let sshd: Sshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });
  const base = () => ({ host: sshd.host, port: sshd.port, username: sshd.user, retryDelayMs: 100 });

  it('authenticates with a private key and pins the host key', async () => {
    const comm = await SshCommunicator.connect({ ...base(), privateKey: sshd.clientPrivateKey });
    try {
      const out: Buffer[] = [];
      const result = await comm.exec('echo connected', { onStdout: (c) => out.push(c) });
      assert.deepEqual(result, { exitCode: 0 });
      assert.equal(Buffer.concat(out).toString(), 'connected\n');
      assert.equal(comm.hostKey.key?.toString('base64'), sshd.hostPublicKey.split(' ')[1]);
    } finally {
      await comm.close();
    }
  });

  it('refuses a key that is not authorised, saying authentication failed', async () => {
    const stranger = generateTemporaryKeyPair();
    const failures: SshAttemptFailure[] = [];
    await assert.rejects(
      SshCommunicator.connect(
        { ...base(), privateKey: stranger.privateKey, handshakeAttempts: 2 },
        { onAttemptFailed: (f) => failures.push(f) },
      ),
      (err: unknown) =>
        err instanceof SshConnectError &&
        err.reason === 'auth failed' &&
        /authentication failed 2 time\(s\) \(ssh_handshake_attempts = 2\)/.test(err.message),
    );
    assert.deepEqual(
      failures.map((f) => f.reason),
      ['auth failed', 'auth failed'],
    );
  });

  it('a password sshd cannot check is reported as an authentication failure', async () => {
    // Passwords only work for system users with a password; the tests create none, so this pins the
    // reason the UI shows rather than a successful login.
    const withPasswords = await startSshd({ passwordAuthentication: true });
    try {
      await assert.rejects(
        SshCommunicator.connect({
          host: withPasswords.host,
          port: withPasswords.port,
          username: withPasswords.user,
          password: 'not-the-password',
          handshakeAttempts: 1,
        }),
        (err: unknown) => err instanceof SshConnectError && err.reason === 'auth failed',
      );
    } finally {
      await withPasswords.stop();
    }
  });

  it('while waiting, says the connection is refused, then gives up at ssh_timeout', async () => {
    const down = await startSshd();
    await down.kill();
    const failures: SshAttemptFailure[] = [];
    const started = Date.now();
    try {
      await assert.rejects(
        SshCommunicator.connect(
          {
            host: down.host,
            port: down.port,
            username: down.user,
            privateKey: down.clientPrivateKey,
            timeoutMs: 1_000,
            retryDelayMs: 200,
          },
          { onAttemptFailed: (f) => failures.push(f) },
        ),
        (err: unknown) =>
          err instanceof SshConnectError &&
          err.reason === 'connection refused' &&
          /Timeout waiting for SSH .*connection refused/.test(err.message),
      );
      assert.ok(Date.now() - started < 3_000, 'gave up close to ssh_timeout');
      assert.ok(failures.length >= 3, `several attempts, got ${failures.length}`);
      assert.ok(failures.every((f) => f.reason === 'connection refused'));
    } finally {
      await down.stop();
    }
  });

  it('keeps waiting until sshd comes up', async () => {
    const late = await startSshd();
    await late.kill();
    const failures: SshAttemptFailure[] = [];
    setTimeout(() => void late.start(), 500);
    const comm = await SshCommunicator.connect(
      {
        host: late.host,
        port: late.port,
        username: late.user,
        privateKey: late.clientPrivateKey,
        timeoutMs: 10_000,
        retryDelayMs: 150,
      },
      { onAttemptFailed: (f) => failures.push(f) },
    );
    try {
      assert.ok(failures.length >= 1);
      assert.deepEqual((await comm.exec('true')).exitCode, 0);
    } finally {
      await comm.close();
      await late.stop();
    }
  });

  it('says "timed out" when the port accepts nothing within the attempt time', async () => {
    // A listening socket that never speaks SSH: the handshake cannot complete.
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const failures: SshAttemptFailure[] = [];
    try {
      await assert.rejects(
        SshCommunicator.connect(
          {
            host: '127.0.0.1',
            port,
            username: 'x',
            password: 'y',
            timeoutMs: 1_200,
            attemptTimeoutMs: 400,
            retryDelayMs: 100,
          },
          { onAttemptFailed: (f) => failures.push(f) },
        ),
        (err: unknown) => err instanceof SshConnectError && err.reason === 'timed out',
      );
      assert.equal(failures[0]?.reason, 'timed out');
    } finally {
      silent.close();
    }
  });

  it('refuses a changed host key on reconnect, naming both fingerprints', async () => {
    const moving = await startSshd();
    const comm = await SshCommunicator.connect({
      host: moving.host,
      port: moving.port,
      username: moving.user,
      privateKey: moving.clientPrivateKey,
    });
    try {
      await moving.kill();
      await moving.start({ newHostKey: true });
      await assert.rejects(comm.exec('true'), (err: unknown) => {
        assert.ok(err instanceof SshConnectError);
        assert.equal(err.reason, 'host key changed');
        assert.match(err.message, /host key changed: expected SHA256:\S+, the server presented SHA256:\S+/);
        return true;
      });
    } finally {
      await comm.close();
      await moving.stop();
    }
  });

  it('refuses a host whose key differs from the one the builder expects', async () => {
    const other = generateTemporaryKeyPair();
    await assert.rejects(
      SshCommunicator.connect({ ...base(), privateKey: sshd.clientPrivateKey, hostKey: other.publicKey }),
      (err: unknown) => err instanceof SshConnectError && err.reason === 'host key changed',
    );
  });

  it('authenticates through the SSH agent', {
    skip: existsSync('/usr/bin/ssh-agent') ? false : 'ssh-agent missing',
  }, async () => {
    const socket = join(sshd.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
      await execFileAsync('ssh-add', [sshd.clientKeyPath], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
      });
      const comm = await SshCommunicator.connect({ ...base(), agent: socket });
      try {
        assert.equal((await comm.exec('exit 3')).exitCode, 3);
        // The agent is forwarded: the session sees a socket that lists the same key.
        let listed = '';
        await comm.exec('ssh-add -L', { onStdout: (c) => (listed += c.toString()) });
        assert.equal(
          listed.trim().split(' ').slice(0, 2).join(' '),
          sshd.clientPublicKey.split(' ').slice(0, 2).join(' '),
        );
      } finally {
        await comm.close();
      }
    } finally {
      agent.kill();
    }
  });

  it('connects through a bastion host', async () => {
    // The same sshd plays the bastion; the target is reached through its forwarded TCP channel.
    const comm = await SshCommunicator.connect({
      ...base(),
      privateKey: sshd.clientPrivateKey,
      bastion: { host: sshd.host, port: sshd.port, username: sshd.user, privateKey: sshd.clientPrivateKey },
    });
    try {
      const out: Buffer[] = [];
      await comm.exec('echo "$SSH_CONNECTION"', { onStdout: (c) => out.push(c) });
      // The target sees the bastion (loopback) as the client.
      assert.match(Buffer.concat(out).toString(), /^127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+\n$/);
      assert.ok(comm.connected);
    } finally {
      await comm.close();
    }
  });
});
