/** Variable values: precedence, -var parsing by type, undeclared and unset variables, sensitivity. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errors, load, rendered, summaries, tree, varValue } from './load-helpers.js';

const decl = `
variable "v" {
  type    = string
  default = "default"
}
`;

describe('precedence: default < PKR_VAR_ < auto var files (lexical) < -var-file (in order) < -var', () => {
  const dir = tree({
    'vars.pkr.hcl': decl,
    'a.auto.pkrvars.hcl': 'v = "auto-a"\n',
    'b.auto.pkrvars.hcl': 'v = "auto-b"\n',
    'b.auto.pkrvars.json': '{"v": "auto-json"}\n',
    'one.pkrvars.hcl': 'v = "file-one"\n',
    'two.pkrvars.json': '{"v": "file-two"}\n',
    'only-default/vars.pkr.hcl': decl,
  });
  const table: [string, string, Parameters<typeof load>[2], unknown, string | undefined][] = [
    ['default', 'only-default', {}, 'default', 'default'],
    ['env over default', 'only-default', { env: { PKR_VAR_v: 'env' } }, 'env', 'env'],
    ['auto files over env; JSON after HCL', '.', { env: { PKR_VAR_v: 'env' } }, 'auto-json', 'auto-varfile'],
    ['-var-file over auto files', '.', { varFiles: ['one.pkrvars.hcl'] }, 'file-one', 'varfile'],
    [
      '-var-files in order',
      '.',
      { varFiles: ['two.pkrvars.json', 'one.pkrvars.hcl'] },
      'file-one',
      'varfile',
    ],
    [
      '-var over -var-file whatever the order',
      '.',
      {
        varArgs: [
          { kind: 'var', text: 'v=cli' },
          { kind: 'var-file', path: 'one.pkrvars.hcl' },
        ],
      },
      'cli',
      'cli',
    ],
    ['the last -var wins', '.', { vars: ['v=first', 'v=second'] }, 'second', 'cli'],
    ['split -var map (flags.ts)', '.', { vars: new Map([['v', 'from-map']]) }, 'from-map', 'cli'],
  ];
  for (const [name, path, opts, want, source] of table) {
    it(name, async () => {
      const { value: t, diags } = await load(dir, path, opts);
      assert.deepEqual(errors(diags), []);
      assert.equal(varValue(t, 'v'), want);
      assert.equal(t.variables.get('v')?.valueSource, source);
    });
  }
});

describe('-var and PKR_VAR_ values', () => {
  const dir = tree({
    'vars.pkr.hcl': `
variable "s" { type = string }
variable "n" { type = number }
variable "l" { type = list(string) }
variable "m" { type = map(number) }
variable "untyped" {}
`,
  });
  const all = ['s=a b', 'n=42', 'l=["x", "y"]', 'm={a = 1}', 'untyped=[1]'];

  it('strings and numbers take the raw text; other types parse it as HCL', async () => {
    const { value: t, diags } = await load(dir, '.', { vars: all });
    assert.deepEqual(errors(diags), []);
    assert.equal(varValue(t, 's'), 'a b');
    assert.equal(varValue(t, 'n'), 42);
    assert.deepEqual(varValue(t, 'l'), ['x', 'y']);
    assert.deepEqual(varValue(t, 'm'), { a: 1 });
    assert.equal(varValue(t, 'untyped'), '[1]');
  });

  it('env values follow the same rule', async () => {
    const { value: t } = await load(dir, '.', {
      vars: all.slice(0, 2),
      env: { PKR_VAR_l: '["e"]', PKR_VAR_m: '{b=2}', PKR_VAR_untyped: 'u' },
    });
    assert.deepEqual(varValue(t, 'l'), ['e']);
    assert.deepEqual(varValue(t, 'm'), { b: 2 });
  });

  it('bad syntax is a diagnostic in the pseudo-file naming the -var', async () => {
    const loaded = await load(dir, '.', { vars: [...all.slice(0, 3), 'm={a = ', 'untyped=1'] });
    const d = loaded.diags.find((x) => x.subject?.filename === '<value for var.m from arguments>');
    assert.ok(d, summaries(loaded.diags).join('\n'));
    assert.equal(d.severity, 'error');
    assert.match(rendered(loaded), /on <value for var\.m from arguments> line 1/);
  });

  it('a value of the wrong type: "Invalid argument value for -var variable"', async () => {
    const loaded = await load(dir, '.', { vars: [...all.slice(0, 2), 'l={a=1}', 'm={a = 1}', 'untyped=1'] });
    assert.deepEqual(errors(loaded.diags), ['Invalid argument value for -var variable']);
    assert.match(loaded.diags[0]!.detail!, /^The received arg value for l is not compatible/);
  });

  it('a -var without "=" is a diagnostic', async () => {
    const loaded = await load(dir, '.', { vars: [...all, 'nonsense'] });
    assert.deepEqual(errors(loaded.diags), ['Invalid -var option']);
  });

  it('an undeclared -var is an error for every command', async () => {
    for (const command of ['validate', 'build'] as const) {
      const loaded = await load(dir, '.', { vars: [...all, 'nope=1'], command });
      assert.deepEqual(errors(loaded.diags), ['Undefined -var variable']);
    }
  });
});

describe('var files', () => {
  const dir = tree({
    'vars.pkr.hcl': decl,
    'extra.pkrvars.hcl': 'v = "x"\nundeclared = 1\n',
    'declares.pkrvars.hcl': 'variable "w" {}\n',
    'ref.pkrvars.hcl': 'v = var.other\n',
    'wrong.pkrvars.txt': 'v = "x"\n',
    'typed.pkrvars.hcl': 'v = ["a"]\n',
  });

  it('undeclared values warn under validate and are silent otherwise (Packer)', async () => {
    const v = await load(dir, '.', { varFiles: ['extra.pkrvars.hcl'] });
    assert.deepEqual(summaries(v.diags), ['warning: Undefined variable']);
    const b = await load(dir, '.', { varFiles: ['extra.pkrvars.hcl'], command: 'build' });
    assert.deepEqual(summaries(b.diags), []);
    const forced = await load(dir, '.', {
      varFiles: ['extra.pkrvars.hcl'],
      command: 'build',
      warnOnUndeclaredVar: true,
    });
    assert.deepEqual(summaries(forced.diags), ['warning: Undefined variable']);
  });

  it('a variable block in a var file: "Variable declaration in a .pkrvar file"', async () => {
    const loaded = await load(dir, '.', { varFiles: ['declares.pkrvars.hcl'] });
    assert.deepEqual(errors(loaded.diags), ['Variable declaration in a .pkrvar file']);
    assert.match(loaded.diags[0]!.detail!, /To set a value for this variable in declares\.pkrvars\.hcl/);
  });

  it('values are evaluated without variables', async () => {
    const loaded = await load(dir, '.', { varFiles: ['ref.pkrvars.hcl'] });
    assert.deepEqual(errors(loaded.diags), ['Variables not allowed']);
  });

  it('an unknown extension: "Could not guess format of …"', async () => {
    const loaded = await load(dir, '.', { varFiles: ['wrong.pkrvars.txt'] });
    assert.deepEqual(errors(loaded.diags), ['Could not guess format of wrong.pkrvars.txt']);
  });

  it('a missing var file names the file', async () => {
    const loaded = await load(dir, '.', { varFiles: ['absent.pkrvars.hcl'] });
    assert.deepEqual(errors(loaded.diags), ['Failed to read file absent.pkrvars.hcl']);
  });

  it('a value of the wrong type: "Invalid value for variable" at the value', async () => {
    const loaded = await load(dir, '.', { varFiles: ['typed.pkrvars.hcl'] });
    assert.deepEqual(errors(loaded.diags), ['Invalid value for variable']);
    assert.equal(loaded.diags[0]!.subject?.filename, 'typed.pkrvars.hcl');
  });
});

describe('unset variables and validations', () => {
  it('each variable without default or value is one diagnostic saying how to set it', async () => {
    const dir = tree({
      'v.pkr.hcl':
        'variable "a" {\n  type = string\n}\nvariable "b" {}\nvariable "c" {\n  default = null\n}\n',
    });
    const loaded = await load(dir);
    assert.deepEqual(errors(loaded.diags), ['Unset variable "a"', 'Unset variable "b"']);
    assert.match(
      loaded.diags[0]!.detail!,
      /A used variable must be set or have a default value; .*-var a=…, a var file, or PKR_VAR_a/,
    );
    assert.equal(loaded.diags[0]!.subject?.start.line, 1);
  });

  it('a condition may refer only to its own variable; messages must be sentences', async () => {
    const dir = tree({
      'v.pkr.hcl': `
variable "a" {
  default = "x"
  validation {
    condition     = var.b == "x"
    error_message = "lowercase start"
  }
}
variable "b" { default = "y" }
`,
    });
    const loaded = await load(dir);
    assert.deepEqual(errors(loaded.diags), [
      'Invalid reference in variable validation',
      'Invalid variable validation condition',
      'Invalid validation error message',
    ]);
  });

  it('a failing rule names where the value came from', async () => {
    const dir = tree({
      'v.pkr.hcl': `
variable "size" {
  type    = number
  default = 1
  validation {
    condition     = var.size > 10
    error_message = "The size must be above 10."
  }
}
`,
    });
    const byDefault = await load(dir);
    assert.deepEqual(errors(byDefault.diags), ['Invalid value for default variable']);
    assert.equal(byDefault.diags[0]!.subject?.start.line, 4);
    const byCli = await load(dir, '.', { vars: ['size=3'] });
    assert.deepEqual(errors(byCli.diags), ['Invalid value for cmd variable']);
    const ok = await load(dir, '.', { env: { PKR_VAR_size: '11' } });
    assert.deepEqual(errors(ok.diags), []);
  });
});

describe('sensitive values', () => {
  it('are marked, and never appear in diagnostics', async () => {
    const secret = 'hunter2-very-secret';
    const dir = tree({
      'v.pkr.hcl': `
variable "password" {
  type      = list(string)
  sensitive = true
}
locals {
  broken = var.password + 1
  fine   = var.password
}
`,
      'bad.pkrvars.hcl': `password = "${secret}"\n`,
    });
    const cli = await load(dir, '.', { vars: [`password=["${secret}"`] });
    assert.ok(cli.diags.length > 0);
    assert.ok(!rendered(cli).includes(secret), rendered(cli));
    const good = await load(dir, '.', { vars: [`password=["${secret}"]`] });
    assert.ok(!rendered(good).includes(secret), rendered(good));
    assert.ok(good.value.variables.get('password')?.value.marks?.has('sensitive'));
    const fine = good.value.locals.get('fine')!.value;
    assert.ok(fine.marks?.has('sensitive'));
  });
});
