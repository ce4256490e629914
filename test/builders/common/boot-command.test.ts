import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyEvents } from '../../../src/builders/common/boot-command/keys.js';
import {
  type BootExpression,
  formatGoDuration,
  parseBootCommand,
  validateBootCommand,
} from '../../../src/builders/common/boot-command/parse.js';
import { renderBootCommand } from '../../../src/builders/common/boot-command/render.js';
import { bootSteps, typeBootCommand } from '../../../src/builders/common/boot-command/run.js';
import { keyIntervalMs, typeExpressions } from '../../../src/builders/common/boot-command/type.js';

/** Packer's String() forms (boot_command_ast.go), so the tables read like its tests. */
function show(e: BootExpression): string {
  const action = (a: string) => a[0]!.toUpperCase() + a.slice(1);
  if (e.kind === 'wait') return `Wait<${formatGoDuration(e.ms)}>`;
  if (e.kind === 'special') return `Spec-${action(e.action)}(${e.key})`;
  return `LIT-${action(e.action)}(${e.char})`;
}
const parse = (s: string) => parseBootCommand(s).map(show);
const lits = (s: string) => [...s].map((c) => `LIT-Press(${c})`);

describe('parseBootCommand (Packer boot_command.pigeon)', () => {
  it("parses Packer's own Test_parse input the same way", () => {
    const input =
      '<wait><wait20><wait3s><wait4m2ns>foo/bar > one 界<fon> b<fOff><foo><f3><f12><spacebar><leftalt><rightshift><rightsuper><menu>';
    assert.deepEqual(parse(input), [
      'Wait<1s>',
      'Wait<20s>',
      'Wait<3s>',
      'Wait<4m0.000000002s>',
      ...lits('foo/bar > one 界'),
      'LIT-On(f)',
      'LIT-Press( )',
      'LIT-Press(b)',
      'LIT-Off(f)',
      ...lits('<foo>'),
      'Spec-Press(f3)',
      'Spec-Press(f12)',
      'Spec-Press(spacebar)',
      'Spec-Press(leftalt)',
      'Spec-Press(rightshift)',
      'Spec-Press(rightsuper)',
      'Spec-Press(menu)',
    ]);
  });

  const table: [string, string[]][] = [
    ['<rightShift><rightshift><RIGHTSHIFT>', Array(3).fill('Spec-Press(rightshift)')],
    ['<delon><delON><deLoN><DELON>', Array(4).fill('Spec-On(del)')],
    ['<enteroff><enterOFF><eNtErOfF><ENTEROFF>', Array(4).fill('Spec-Off(enter)')],
    ['<leftCtrlOn>c<leftCtrlOff>', ['Spec-On(leftctrl)', 'LIT-Press(c)', 'Spec-Off(leftctrl)']],
    ['<f1><f10><f1On>', ['Spec-Press(f1)', 'Spec-Press(f10)', 'Spec-On(f1)']],
    [
      '<left><leftShift><end><return>',
      ['Spec-Press(left)', 'Spec-Press(leftshift)', 'Spec-Press(end)', 'Spec-Press(return)'],
    ],
    ['<pageUp><pageDown><leftMeta>', ['Spec-Press(pageup)', 'Spec-Press(pagedown)', 'Spec-Press(leftmeta)']],
    ['<wait300ms><wait1m30s><wait1.5s><wait0>', ['Wait<300ms>', 'Wait<1m30s>', 'Wait<1.5s>', 'Wait<0s>']],
    // Not one of the forms: typed as it stands.
    ['<WAIT>', lits('<WAIT>')],
    ['<wait05>', lits('<wait05>')],
    ['<wait5x>', lits('<wait5x>')],
    ['<enterr>', lits('<enterr>')],
    ['<deleteOn>', lits('<deleteOn>')],
    ['<', ['LIT-Press(<)']],
    ['<<On>', ['LIT-On(<)']],
    ['a\nb', ['LIT-Press(a)', 'LIT-Press(\n)', 'LIT-Press(b)']],
    ['', []],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input), () => assert.deepEqual(parse(input), want));
  }

  it('validates like Packer: waits must be positive', () => {
    assert.deepEqual(validateBootCommand(parseBootCommand('<wait1m><f1><')), []);
    assert.deepEqual(validateBootCommand(parseBootCommand('<wait-1m>x<wait0>')), [
      'Expecting a positive wait value. Got -1m0s',
      'Expecting a positive wait value. Got 0s',
    ]);
  });
});

describe('key events (Packer vnc_driver.go)', () => {
  const events = (s: string) =>
    parseBootCommand(s)
      .flatMap(keyEvents)
      .map((e) => `${e.down ? '+' : '-'}${e.keysym.toString(16)}`);
  const table: [string, string[]][] = [
    ['a', ['+61', '-61']],
    ['A', ['+ffe1', '+41', '-41', '-ffe1']],
    ['!', ['+ffe1', '+21', '-21', '-ffe1']],
    ['/', ['+2f', '-2f']],
    ['<enter>', ['+ff0d', '-ff0d']],
    ['<spacebar>', ['+20', '-20']],
    ['<leftCtrlOn>c<leftCtrlOff>', ['+ffe3', '+63', '-63', '-ffe3']],
    ['<AOn><AOff>', ['+ffe1', '+41', '-41', '-ffe1']],
    [
      '<f12><esc><bs><del><tab>',
      ['+ffc9', '-ffc9', '+ff1b', '-ff1b', '+ff08', '-ff08', '+ffff', '-ffff', '+ff09', '-ff09'],
    ],
    // Control characters from heredocs become Return/Tab; other Unicode the X11 way.
    ['\n\t', ['+ff0d', '-ff0d', '+ff09', '-ff09']],
    ['é界', ['+e9', '-e9', '+100754c', '-100754c']],
    ['<wait1s>', []],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input), () => assert.deepEqual(events(input), want));
  }
});

describe('boot command template data', () => {
  const data = { HTTPIP: '10.0.2.2', HTTPPort: 8123, Name: 'vm1', SSHPublicKey: 'ssh-ed25519 AAAA' };
  it('substitutes HTTPIP, HTTPPort, Name, SSHPublicKey', () => {
    assert.equal(
      renderBootCommand(
        'ks=http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg hostname={{.Name}} key="{{ .SSHPublicKey }}"<enter>',
        data,
      ),
      'ks=http://10.0.2.2:8123/ks.cfg hostname=vm1 key="ssh-ed25519 AAAA"<enter>',
    );
  });
  it('an unknown field is an error, not typed text', () => {
    assert.throws(() => renderBootCommand('{{ .HTTPAddr }}', data), /can't evaluate field HTTPAddr/);
  });
});

describe('typing pace', () => {
  it('key interval: boot_key_interval, else PACKER_KEY_INTERVAL, else 100 ms', () => {
    assert.equal(keyIntervalMs(25, { PACKER_KEY_INTERVAL: '5ms' }), 25);
    assert.equal(keyIntervalMs(undefined, { PACKER_KEY_INTERVAL: '5ms' }), 5);
    assert.equal(keyIntervalMs(0, {}), 100);
    assert.equal(keyIntervalMs(undefined, { PACKER_KEY_INTERVAL: 'soon' }), 100);
  });

  it('sends every event in order, pausing after each and at waits', async () => {
    const log: [number, string][] = [];
    const t0 = performance.now();
    const sink = {
      keyEvent: async (k: number, d: boolean) =>
        void log.push([performance.now() - t0, `${d ? '+' : '-'}${k.toString(16)}`]),
    };
    await typeExpressions(parseBootCommand('ab<wait200ms>c'), sink, { keyIntervalMs: 20 });
    assert.deepEqual(
      log.map((l) => l[1]),
      ['+61', '-61', '+62', '-62', '+63', '-63'],
    );
    const gap = (i: number) => log[i + 1]![0] - log[i]![0];
    assert.ok(gap(0) >= 19, `key interval ${gap(0)}`);
    assert.ok(gap(3) >= 215, `wait plus interval ${gap(3)}`);
  });

  it('cancelling stops typing at once with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    let sent = 0;
    const sink = { keyEvent: async () => void sent++ };
    setTimeout(() => controller.abort(reason), 120);
    const t0 = performance.now();
    await assert.rejects(
      typeExpressions(parseBootCommand('x<wait10s>y'), sink, {
        keyIntervalMs: 10,
        signal: controller.signal,
      }),
      (e: unknown) => e === reason,
    );
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(sent, 2);
  });

  it('typeBootCommand renders and types each step, with descriptions and boot_wait', async () => {
    const said: string[] = [];
    const typed: string[] = [];
    const sink = {
      keyEvent: async (k: number, d: boolean) => void (d && typed.push(String.fromCodePoint(k))),
    };
    const steps = bootSteps(undefined, [['{{ .Name }}', 'the name'], [], ['<wait5ms>x']]);
    await typeBootCommand({
      vnc: { host: '127.0.0.1', port: 1 },
      steps,
      data: { HTTPIP: '10.0.2.2', HTTPPort: 0, Name: 'ab' },
      bootWaitMs: 10,
      keyIntervalMs: 1,
      sink,
      ui: { say: (m) => said.push(m) },
    });
    assert.deepEqual(typed, ['a', 'b', 'x']);
    assert.deepEqual(said, [
      'Waiting 10ms for boot...',
      'Typing the boot commands over VNC...',
      'Typing boot command for: the name',
    ]);
    assert.deepEqual(bootSteps(['<esc>', 'linux<enter>'], [['ignored']]), [['<esc>linux<enter>']]);
    await assert.rejects(
      typeBootCommand({
        vnc: { host: '', port: 0 },
        steps: [['<wait0>']],
        data: { HTTPIP: '', HTTPPort: 0, Name: '' },
        bootWaitMs: -1,
        sink,
      }),
      /Error generating boot command: Expecting a positive wait value. Got 0s/,
    );
  });
});
