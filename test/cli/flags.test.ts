/** Packer-style flag parsing (Go's flag package) shared by the template commands. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import {
  cliVarFiles,
  cliVars,
  type FlagSet,
  type FlagsResult,
  parseFlags,
  reportFlagFailure,
} from '../../src/cli/flags.js';

const validateSet: FlagSet = {
  bools: { 'syntax-only': false, 'machine-readable': false, color: true },
  strings: ['config-type'],
  vars: true,
  buildFilter: true,
};

/** A compact view of a parse result: the flags that differ from defaults, or the failure. */
function summary(r: FlagsResult): unknown {
  if (!r.ok) return r.help ? 'HELP' : `ERR ${r.message}`;
  const f = r.flags;
  const out: Record<string, unknown> = {};
  for (const [k, v] of f.bools) if (v !== validateSet.bools![k]) out[k] = v;
  for (const [k, v] of f.strings) out[k] = v;
  if (f.varArgs.length)
    out.varArgs = f.varArgs.map((a) => (a.kind === 'var' ? `${a.name}=${a.value}` : `@${a.path}`));
  if (f.only.length) out.only = f.only;
  if (f.except.length) out.except = f.except;
  out.args = f.args;
  return out;
}

const table: [string[], unknown][] = [
  [['t.pkr.hcl'], { args: ['t.pkr.hcl'] }],
  [['-syntax-only', 't'], { 'syntax-only': true, args: ['t'] }],
  [['--syntax-only', 't'], { 'syntax-only': true, args: ['t'] }],
  [['-syntax-only=false', 't'], { args: ['t'] }],
  [['-syntax-only=1', 't'], { 'syntax-only': true, args: ['t'] }],
  [['-syntax-only=T', 't'], { 'syntax-only': true, args: ['t'] }],
  [['-syntax-only=maybe', 't'], 'ERR invalid boolean value "maybe" for -syntax-only: parse error'],
  // A bool flag never takes the next argument as its value.
  [['-syntax-only', 'false'], { 'syntax-only': true, args: ['false'] }],
  [['-color=false', 't'], { color: false, args: ['t'] }],
  [['-var', 'a=1', 't'], { varArgs: ['a=1'], args: ['t'] }],
  [['-var=a=1', 't'], { varArgs: ['a=1'], args: ['t'] }],
  [['--var', 'a=b=c', 't'], { varArgs: ['a=b=c'], args: ['t'] }],
  [['-var', 'a=', 't'], { varArgs: ['a='], args: ['t'] }],
  [['-var', '=x', 't'], { varArgs: ['=x'], args: ['t'] }],
  [['-var', 'novalue', 't'], `ERR invalid value "novalue" for flag -var: No '=' value in arg: novalue`],
  [['-var'], 'ERR flag needs an argument: -var'],
  [['-var-file'], 'ERR flag needs an argument: -var-file'],
  [
    ['-var-file', 'a.pkrvars.hcl', '-var', 'x=1', '-var-file=b.json', '-var', 'x=2', 't'],
    { varArgs: ['@a.pkrvars.hcl', 'x=1', '@b.json', 'x=2'], args: ['t'] },
  ],
  [['-only', 'a,b', '-only=c', 't'], { only: ['a', 'b', 'c'], args: ['t'] }],
  [['-except=null.*', 't'], { except: ['null.*'], args: ['t'] }],
  [['-config-type', 'hcl2', '-config-type=json'], { 'config-type': 'json', args: [] }],
  [['-machine-readable', 't'], { 'machine-readable': true, args: ['t'] }],
  [['-bogus', 't'], 'ERR flag provided but not defined: -bogus'],
  [['--bogus=1', 't'], 'ERR flag provided but not defined: -bogus'],
  [['---syntax-only', 't'], 'ERR bad flag syntax: ---syntax-only'],
  [['-=x', 't'], 'ERR bad flag syntax: -=x'],
  [['-h'], 'HELP'],
  [['-help'], 'HELP'],
  [['--help', 't'], 'HELP'],
  // Parsing stops at the first positional argument, a lone "-", or after "--".
  [['t', '-syntax-only'], { args: ['t', '-syntax-only'] }],
  [['-', '-syntax-only'], { args: ['-', '-syntax-only'] }],
  [['--', '-syntax-only'], { args: ['-syntax-only'] }],
  [[], { args: [] }],
];

for (const [argv, expected] of table) {
  test(`parseFlags ${JSON.stringify(argv)}`, () => {
    assert.deepEqual(summary(parseFlags(argv, validateSet)), expected);
  });
}

test('a command without -var or -only rejects them', () => {
  assert.deepEqual(
    summary(parseFlags(['-var', 'a=1'], { bools: {} })),
    'ERR flag provided but not defined: -var',
  );
  assert.deepEqual(
    summary(parseFlags(['-only=a'], { vars: true })),
    'ERR flag provided but not defined: -only',
  );
});

test('cliVars keeps the last value of a name (Packer keeps -var in a map); var files keep their order', () => {
  const r = parseFlags(
    ['-var', 'a=1', '-var-file', 'f1', '-var', 'a=2', '-var', 'b=3', '-var-file', 'f0', 't'],
    validateSet,
  );
  assert.ok(r.ok);
  assert.deepEqual(
    [...cliVars(r.flags.varArgs)],
    [
      ['a', '2'],
      ['b', '3'],
    ],
  );
  assert.deepEqual(cliVarFiles(r.flags.varArgs), ['f1', 'f0']);
});

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const got = { out: '', err: '' };
  stdout.on('data', (c) => (got.out += c));
  stderr.on('data', (c) => (got.err += c));
  return { io: { stdout, stderr }, got };
}

test('reportFlagFailure: help on stdout exits 0; a bad flag prints the message and help on stderr, exit 2', () => {
  const a = capture();
  assert.equal(reportFlagFailure({ help: true }, 'Usage: x', a.io), 0);
  assert.deepEqual(a.got, { out: 'Usage: x\n', err: '' });
  const b = capture();
  assert.equal(
    reportFlagFailure({ help: false, message: 'flag provided but not defined: -q' }, 'Usage: x', b.io),
    2,
  );
  assert.deepEqual(b.got, { out: '', err: 'flag provided but not defined: -q\nUsage: x\n' });
});
