/**
 * Go time layouts and strftime, checked against Packer 1.6.6's legacy JSON-template functions
 * `{{isotime "layout"}}` and `{{strftime "format"}}` (what legacy_isotime/legacy_strftime expose in HCL).
 * Both format the current time, so the layouts avoid minutes and seconds; a result is accepted if it
 * matches our formatting of the time just before or just after Packer ran.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { strftime } from '../../../src/hcl/functions/datetime.js';
import { formatGoLayout, type GoTime, timeFromUnixNanos } from '../../../src/hcl/functions/gotime.js';
import { packerVersion } from './packer-console-oracle.js';

const LAYOUTS = [
  '2006-01-02',
  '2006 06 1 01 Jan January 2 02 _2 002 __2',
  'Mon Monday Jan _2 2006',
  '15 3 03 PM pm',
  'MST -0700 -07:00 -07 Z0700 Z07:00 Z07 -070000 -07:00:00 Z070000 Z07:00:00',
  'Janet Mondays Monda MSTx',
  '_2006 __2006 002006 20066',
  '2006-01-02T15Z07:00',
  'no layout elements here',
  'January 2, 2006 at 3PM (MST)',
];
const FORMATS = ['%Y-%m-%d', '%a %A %b %B %y %I %p %Z %z %H', '%% %q %', 'plain text', 'x%Yy%mz'];

const SEP = '<<>>';

function runPacker(dir: string, line: string): string {
  const r = spawnSync('packer', ['console', 't.json'], {
    cwd: dir,
    input: `${line}\n`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: '1' },
  });
  return r.stdout.replace(/\n$/, '');
}

const now = (): GoTime => timeFromUnixNanos(BigInt(Date.now()) * 1_000_000n);

test('Go layouts and strftime agree with Packer 1.6.6 isotime/strftime', {
  skip:
    packerVersion() === undefined
      ? 'packer is not installed (packer-console.test.ts reports this as a failure)'
      : false,
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-golayout-'));
  try {
    fs.writeFileSync(path.join(dir, 't.json'), '{"builders":[{"type":"null","communicator":"none"}]}');
    const line = [
      ...LAYOUTS.map((l) => `{{isotime "${l}"}}`),
      ...FORMATS.map((f) => `{{strftime "${f}"}}`),
    ].join(SEP);
    const before = now();
    const out = runPacker(dir, line).split(SEP);
    const after = now();
    assert.equal(out.length, LAYOUTS.length + FORMATS.length, out.join('\n'));
    LAYOUTS.forEach((layout, i) => {
      const candidates = [formatGoLayout(before, layout), formatGoLayout(after, layout)];
      assert.ok(
        candidates.includes(out[i]!),
        `isotime ${JSON.stringify(layout)}: Packer ${out[i]}, ours ${candidates[0]}`,
      );
    });
    FORMATS.forEach((format, j) => {
      const got = out[LAYOUTS.length + j]!;
      const candidates = [strftime(format, before), strftime(format, after)];
      assert.ok(
        candidates.includes(got),
        `strftime ${JSON.stringify(format)}: Packer ${got}, ours ${candidates[0]}`,
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
