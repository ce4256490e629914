import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../hcl/corpus-files.js';
import { runCli } from '../run-cli.js';

const plugin = path.join(repoRoot, 'test', 'core', 'fake-plugins.ts');
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-build-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes the template and runs `imgbuild build -plugin fakes … template` in-process. */
async function build(template: string, flags: string[] = []) {
  const name = `t${++counter}.pkr.hcl`;
  const events = path.join(dir, `t${counter}.events`);
  writeFileSync(events, '');
  writeFileSync(path.join(dir, name), template.replaceAll('EVENTS', JSON.stringify(events)));
  const r = await runCli(['build', `-plugin=${plugin}`, ...flags, name], { cwd: dir });
  return { ...r, events: readFileSync(events, 'utf8').trim().split('\n').filter(Boolean) };
}

const twoBuilds = `
variable "secret" {
  type      = string
  default   = "hunter2-very-secret"
  sensitive = true
}
source "fake" "a" {
  machine     = "m1"
  events_file = EVENTS
}
source "fake" "b" {
  machine     = "m2"
  events_file = EVENTS
}
build {
  sources = ["source.fake.a", "source.fake.b"]
  provisioner "record" {
    label       = "setup"
    events_file = EVENTS
  }
  post-processor "wrap" {
    name        = "pack"
    label       = "x"
    events_file = EVENTS
  }
}
`;

describe('imgbuild build', () => {
  test("builds every source, then prints Packer's summary; exit 0", async () => {
    const r = await build(twoBuilds);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^==> fake\.a: Running post-processor: pack \(type wrap\)$/m);
    assert.match(r.out, /^Build 'fake\.b' finished after \d+ milliseconds?( \d+ microseconds?)?\.$/m);
    assert.match(
      r.out,
      /\n==> Wait completed after .+\n\n==> Builds finished\. The artifacts of successful builds are:\n/,
    );
    assert.match(r.out, /^--> fake\.a: fake artifact m1\+x$/m);
    assert.match(r.out, /^--> fake\.b: fake artifact m2\+x$/m);
    for (const m of ['fake.a', 'fake.b']) {
      assert.ok(r.events.includes(`${m}: provision setup #1`));
      assert.ok(r.events.includes(`${m}: cleanup create-machine (succeeded)`));
    }
  });

  test("a failing build: exit 1, the error listed, the other build's artifact still reported; secrets masked", async () => {
    const r = await build(
      twoBuilds.replace(
        'provisioner "record" {',
        'provisioner "record" {\n    only = ["fake.b"]\n    label = var.secret\n    fail_times = -1\n  }\n  provisioner "record" {',
      ),
    );
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /^Build 'fake\.b' errored after .+: <sensitive> failed \(call 1\)$/m);
    assert.match(
      r.out,
      /==> Some builds didn't complete successfully and had errors:\n--> fake\.b: <sensitive> failed \(call 1\)\n/,
    );
    assert.match(r.out, /^--> fake\.a: fake artifact m1\+x$/m);
    assert.ok(!`${r.out}${r.err}`.includes('hunter2-very-secret'));
    assert.ok(r.events.includes('fake.b: cleanup create-machine (failed)'));
  });

  test('-only and -except (builds, and a named post-processor)', async () => {
    let r = await build(twoBuilds, ['-only=fake.b']);
    assert.equal(r.code, 0);
    assert.ok(!r.events.some((e) => e.startsWith('fake.a')));
    r = await build(twoBuilds, ['-except=fake.b,pack']);
    assert.equal(r.code, 0);
    assert.ok(!r.events.some((e) => e.startsWith('fake.b') || e.includes('post-process')));
    assert.match(r.out, /^--> fake\.a: fake artifact m1$/m);
  });

  test('-only that selects nothing: "No builds to run", exit 2', async () => {
    const r = await build(twoBuilds, ['-only=nothing.here']);
    assert.equal(r.code, 2);
    assert.match(r.out, /Error: No builds to run/);
  });

  test('-on-error=abort: no cleanup, and the output says what was left', async () => {
    const r = await build(
      twoBuilds.replace('label       = "setup"', 'label       = "setup"\n    fail_times  = -1'),
      ['-on-error=abort', '-only=fake.a'],
    );
    assert.equal(r.code, 1);
    assert.ok(!r.events.some((e) => e.includes('cleanup')), r.events.join('\n'));
    assert.match(r.out, /^==> fake\.a: Step "provision" failed, aborting\.\.\.$/m);
    assert.match(
      r.out,
      /^==> fake\.a: aborted: skipping cleanup of step "create-machine"; left behind: create-machine of machine m1$/m,
    );
  });

  test('-parallel-builds=1 runs one build after the other', async () => {
    const r = await build(twoBuilds, ['-parallel-builds=1']);
    assert.equal(r.code, 0);
    const lastA = r.events.findLastIndex((e) => e.startsWith('fake.a'));
    const firstB = r.events.findIndex((e) => e.startsWith('fake.b'));
    assert.ok(lastA < firstB, r.events.join('\n'));
  });

  test("-machine-readable: Packer's artifact records", async () => {
    const r = await build(twoBuilds, ['-machine-readable', '-only=fake.a']);
    assert.equal(r.code, 0);
    const records = r.out
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\d+,/, ''));
    for (const line of [
      'fake.a,artifact-count,1',
      'fake.a,artifact,0,builder-id,imgbuild.fake',
      'fake.a,artifact,0,id,m1+x',
      'fake.a,artifact,0,string,fake artifact m1+x',
      'fake.a,artifact,0,files-count,0',
      'fake.a,artifact,0,end',
    ]) {
      assert.ok(records.includes(line), `${line}\n${r.out}`);
    }
  });

  test('-timestamp-ui: an RFC 3339 time before each build line', async () => {
    const r = await build(twoBuilds, ['-timestamp-ui', '-only=fake.a']);
    assert.equal(r.code, 0);
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)';
    assert.match(
      r.out,
      new RegExp(`^${stamp}: ==> fake\\.a: Running post-processor: pack \\(type wrap\\)$`, 'm'),
    );
    assert.match(r.out, new RegExp(`^${stamp}: Build 'fake\\.a' finished after `, 'm'));
  });

  test('usage errors exit 2', async () => {
    for (const [flags, message] of [
      [
        ['-on-error=explode'],
        /invalid value "explode" for flag -on-error: expected one of \["cleanup" "abort" "ask" "run-cleanup-provisioner"\]/,
      ],
      [['-parallel-builds=many'], /invalid value "many" for flag -parallel-builds: parse error/],
      [['-debug', '-machine-readable'], /-machine-readable cannot be used with -debug/],
      [['-no-such-flag'], /flag provided but not defined: -no-such-flag/],
    ] as const) {
      const r = await build(twoBuilds, [...flags]);
      assert.equal(r.code, 2, flags.join(' '));
      assert.match(r.err, message);
      assert.deepEqual(r.events, []);
    }
  });

  test('a template with errors: the diagnostics, exit 2, nothing built', async () => {
    const r = await build(
      'source "fake" "a" {\n  machin = "typo"\n}\nbuild { sources = ["source.fake.a"] }\n',
    );
    assert.equal(r.code, 2);
    assert.match(r.out, /Unsupported argument/);
    assert.deepEqual(r.events, []);
  });
});
