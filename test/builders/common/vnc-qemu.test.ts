/**
 * The RFB client against QEMU's own VNC server (no guest: `-machine none`), with and without
 * VNC Authentication — the DES response is only proven right by a real server accepting it.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { listenInRange } from '../../../src/builders/common/http-server.js';
import { RfbClient, RfbError } from '../../../src/builders/common/vnc/rfb-client.js';

const QEMU = 'qemu-system-x86_64';
const hasQemu = (() => {
  try {
    execFileSync(QEMU, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = hasQemu ? false : `${QEMU} is not installed (apt-get install qemu-system-x86)`;

const children: ChildProcess[] = [];

/** Starts a guest-less QEMU with VNC on a free display; retries if another process takes the port first. */
async function qemuVnc(password?: string): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 0; ; attempt++) {
    const probe = createServer();
    const port = await listenInRange(probe, '127.0.0.1', 5900, 6999);
    await new Promise<void>((r) => probe.close(() => r()));
    const vnc = `127.0.0.1:${port - 5900}${password ? ',password-secret=vncsec0' : ''}`;
    const args = [
      '-name',
      `imgbuild-test-vnc-${process.pid}`,
      '-machine',
      'none',
      '-nodefaults',
      '-display',
      'none',
    ];
    if (password) args.push('-object', `secret,id=vncsec0,data=${password}`);
    args.push('-vnc', vnc);
    const child = spawn(QEMU, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 500))]);
    if (early === 'running') return { port, child };
    if (attempt >= 2) throw new Error(`qemu exited early (${String(early)}) three times`);
  }
}

describe('RfbClient against QEMU VNC', { skip }, () => {
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('no authentication: handshake, desktop name, key events accepted', async () => {
    const { port, child } = await qemuVnc();
    const client = await RfbClient.connect({ host: '127.0.0.1', port });
    assert.equal(client.version, '3.8');
    assert.equal(client.desktopName, `QEMU (imgbuild-test-vnc-${process.pid})`);
    await client.keyEvent(0x61, true);
    await client.keyEvent(0x61, false);
    await client.close();
    assert.equal(child.exitCode, null);
    child.kill('SIGKILL');
  });

  it('VNC authentication: the right password gets in, a wrong or missing one is refused', async () => {
    const { port, child } = await qemuVnc('s3cret!x');
    await assert.rejects(
      RfbClient.connect({ host: '127.0.0.1', port, password: 'wrong' }),
      (e: unknown) => e instanceof RfbError && /authentication failed/.test(e.message),
    );
    await assert.rejects(RfbClient.connect({ host: '127.0.0.1', port }), /wants a password/);
    // QEMU delays after a failed attempt; the right password still works.
    const client = await RfbClient.connect({ host: '127.0.0.1', port, password: 's3cret!x' });
    assert.equal(client.version, '3.8');
    await client.keyEvent(0xff0d, true);
    await client.close();
    child.kill('SIGKILL');
  });
});
