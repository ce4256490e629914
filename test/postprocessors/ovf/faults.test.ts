/** The ovf post-processor's failures: nothing partial is left, an existing output needs -force. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { isCancellation } from '../../../src/core/errors.js';
import { Ledger } from '../../../src/core/ledger/ledger.js';
import type { JournalRecord } from '../../../src/core/ledger/records.js';
import { type OvfDiskTool, qemuImgDiskTool } from '../../../src/postprocessors/ovf/disk-tool.js';
import { runOvf } from '../../../src/postprocessors/ovf/run.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from '../helpers/context.js';
import { run as sh } from './helpers/ovf-checks.js';

/** The real tool, except that the Nth conversion fails after writing part of its target. */
function failingTool(failAt: number): OvfDiskTool & { calls: number } {
  const real = qemuImgDiskTool();
  const tool = {
    calls: 0,
    info: real.info,
    async toStreamOptimizedVmdk(...args: Parameters<OvfDiskTool['toStreamOptimizedVmdk']>) {
      tool.calls++;
      if (tool.calls === failAt) {
        await writeFile(args[2], 'partial');
        throw new Error('qemu-img: simulated write error');
      }
      return real.toStreamOptimizedVmdk(...args);
    },
  };
  return tool;
}

/** Converts until cancelled: writes part of the target, then waits for the abort. */
const hangingTool: OvfDiskTool = {
  info: async () => ({ format: 'raw', virtualSize: 1024 }),
  async toStreamOptimizedVmdk(_source, _format, target, _adapter, signal) {
    await writeFile(target, 'partial');
    await new Promise((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    );
  },
};

/** A ledger whose journal records are kept for inspection. */
function recordingLedger(): { ledger: Ledger; records: JournalRecord[] } {
  const records: JournalRecord[] = [];
  return { ledger: new Ledger('run-q3', async (r) => void records.push(r)), records };
}

/** The staging directory was recorded (temp-path, beside the output) before use and released after. */
function assertStagingReleased(ledger: Ledger, records: JournalRecord[], dir: string, output: string): void {
  const intent = records.find((r) => r.t === 'intent') as Extract<JournalRecord, { t: 'intent' }> | undefined;
  assert.equal(intent?.kind, 'temp-path', JSON.stringify(records));
  assert.match(String(intent?.data.path), new RegExp(`^${dir}/\\.${output}\\.[0-9a-f]{12}\\.tmp$`));
  assert.deepEqual(
    records.map((r) => r.t),
    ['intent', 'release'],
  );
  assert.deepEqual(ledger.outstanding(), []);
}

describe('ovf post-processor faults', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  let disks: string[];
  beforeEach(async () => {
    work = await tmpWorkdir();
    await mkdir('in');
    disks = [join(work.dir, 'in', 'a.qcow2'), join(work.dir, 'in', 'b.qcow2')];
    for (const d of disks) assert.equal(sh(['qemu-img', 'create', '-q', '-f', 'qcow2', d, '16M']).status, 0);
  });
  afterEach(() => work.done());

  test('a conversion failing on the second disk leaves no output and no staging directory', async () => {
    const tool = failingTool(2);
    const { ledger, records } = recordingLedger();
    await assert.rejects(
      runOvf(
        { output: 'pkg' },
        inputArtifact(disks),
        postProcessContext(work.dir, { ledger: ledger.forBuild('b') }),
        tool,
      ),
      (err: Error) => {
        assert.match(err.message, /^ovf: converting .*b\.qcow2 to VMDK: qemu-img: simulated write error$/);
        assert.match(String((err.cause as Error).message), /simulated/);
        return true;
      },
    );
    assert.equal(tool.calls, 2);
    assert.deepEqual(await readdir(work.dir), ['in']);
    assertStagingReleased(ledger, records, work.dir, 'pkg');
  });

  test('a cancel during conversion rethrows the reason unwrapped and removes the staging directory', async () => {
    const controller = new AbortController();
    const reason = new DOMException('cancelled by the test', 'AbortError');
    const { ledger, records } = recordingLedger();
    const running = runOvf(
      { output: 'pkg' },
      inputArtifact(disks),
      postProcessContext(work.dir, { signal: controller.signal, ledger: ledger.forBuild('b') }),
      hangingTool,
    );
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(running, (err) => {
      assert.equal(err, reason);
      assert.ok(isCancellation(err, controller.signal));
      return true;
    });
    assert.deepEqual(await readdir(work.dir), ['in']);
    assertStagingReleased(ledger, records, work.dir, 'pkg');
  });

  test('a cancel kills a running qemu-img and leaves nothing behind', async () => {
    // Incompressible data keeps qemu-img busy compressing grains for a while.
    const big = join(work.dir, 'in', 'big.raw');
    assert.equal(sh(['sh', '-c', `head -c ${128 * 1024 * 1024} /dev/urandom > '${big}'`]).status, 0);
    const controller = new AbortController();
    const running = runOvf(
      { output: 'pkg-cancel' },
      inputArtifact([big]),
      postProcessContext(work.dir, { signal: controller.signal }),
    );
    // Wait until qemu-img is converting (its staging target exists), then cancel.
    const started = Date.now();
    let converting = false;
    while (Date.now() - started < 20_000 && !converting) {
      await new Promise((r) => setTimeout(r, 50));
      converting = pgrep('pkg-cancel').length > 0;
    }
    assert.ok(converting, 'qemu-img convert never started');
    controller.abort(new DOMException('cancelled by the test', 'AbortError'));
    await assert.rejects(running, /cancelled by the test/);
    assert.deepEqual(pgrep('pkg-cancel'), [], 'qemu-img still running after the cancel');
    assert.deepEqual(await readdir(work.dir), ['in']);
  });

  test('a missing or unparsable descriptor template fails before any conversion', async () => {
    const tool = failingTool(99);
    await assert.rejects(
      runOvf({ descriptor_template: 'nope.hbs' }, inputArtifact(disks), postProcessContext(work.dir), tool),
      /reading the OVF descriptor template nope\.hbs: ENOENT/,
    );
    await writeFile('broken.hbs', '<Envelope>{{#each disks}}</Envelope>');
    await assert.rejects(
      runOvf({ descriptor_template: 'broken.hbs' }, inputArtifact(disks), postProcessContext(work.dir), tool),
      /rendering the OVF descriptor template broken\.hbs: Parse error/,
    );
    assert.equal(tool.calls, 0);
    assert.deepEqual((await readdir(work.dir)).sort(), ['broken.hbs', 'in']);
  });

  test('an existing output directory is an error before any conversion, and is left as it was', async () => {
    await mkdir('pkg');
    await writeFile('pkg/keep.txt', 'mine');
    const tool = failingTool(99);
    await assert.rejects(
      runOvf({ output: 'pkg' }, inputArtifact(disks), postProcessContext(work.dir), tool),
      /Output directory exists: pkg\. Remove it or use -force to replace it\./,
    );
    assert.equal(tool.calls, 0);
    assert.equal(await readFile('pkg/keep.txt', 'utf8'), 'mine');
  });

  test('with -force the existing output is replaced, only once the new package is complete', async () => {
    await mkdir('pkg');
    await writeFile('pkg/old.txt', 'old');
    // A failing forced run keeps the old output.
    await assert.rejects(
      runOvf(
        { output: 'pkg' },
        inputArtifact(disks),
        postProcessContext(work.dir, { force: true }),
        failingTool(1),
      ),
      /simulated/,
    );
    assert.deepEqual(await readdir('pkg'), ['old.txt']);
    const { ledger, records } = recordingLedger();
    await runOvf(
      { output: 'pkg', vm_name: 'n' },
      inputArtifact(disks),
      postProcessContext(work.dir, { force: true, ledger: ledger.forBuild('b') }),
    );
    assertStagingReleased(ledger, records, work.dir, 'pkg');
    assert.deepEqual((await readdir('pkg')).sort(), ['n-disk1.vmdk', 'n-disk2.vmdk', 'n.mf', 'n.ovf']);
  });
});

/** Pids of qemu-img processes whose command line mentions `marker`. */
function pgrep(marker: string): string[] {
  const r = spawnSync('pgrep', ['-f', `qemu-img convert .*${marker}`], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').filter(Boolean);
}
