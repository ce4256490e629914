import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { builtinRegistry } from '../../../src/core/registry.js';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import { timeFromUnixNanos } from '../../../src/hcl/functions/gotime.js';
import type { Range } from '../../../src/hcl/pos.js';
import type { Value } from '../../../src/hcl/value.js';
import { hasMark, valueToJs } from '../../../src/hcl/values.js';
import { decodePluginConfig } from '../../../src/template/decode-config.js';
import {
  type LegacyLoadOptions,
  legacyTemplateText,
  loadLegacyJsonTemplate,
} from '../../../src/template/legacy-json/index.js';
import { loadTemplate } from '../../../src/template/load.js';
import type { Template } from '../../../src/template/model.js';
import { corpusTemplates, templatesDir } from '../../hcl/corpus-files.js';

const start = timeFromUnixNanos(1709618828n * 1_000_000_000n);

function load(json: unknown, opts: Partial<LegacyLoadOptions> = {}) {
  const text = typeof json === 'string' ? json : JSON.stringify(json, null, 2);
  return loadLegacyJsonTemplate('t.json', text, { cwd: '/cwd', env: {}, startTime: start, ...opts });
}

function at(r: Range | undefined): string {
  return r ? `${r.start.line}:${r.start.column}` : '-';
}

function show(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.severity === 'warning' ? 'warning: ' : ''}${d.summary} @${at(d.subject)}`);
}

/** Every attribute of a plugin body (the meta keys hidden), evaluated, as JS. */
function bodyValues(t: Template, body: ReturnType<typeof pickBody>): Record<string, unknown> {
  const { attributes, diags } = body.justAttributes();
  assert.deepEqual(diags, []);
  const out: Record<string, unknown> = {};
  for (const [name, attr] of attributes) out[name] = valueToJs(attr.expr.value(t.evalContext).value);
  return out;
}

function pickBody(t: Template, kind: 'source' | 'provisioner', index = 0) {
  return kind === 'source' ? [...t.sources.values()][index]!.body : t.builds[0]!.provisioners[index]!.body;
}

const basic = {
  description: 'a web image',
  min_packer_version: '1.5.0',
  variables: { name: 'web', password: null, region: 'eu-{{user `name`}}', secret: 'hunter2' },
  'sensitive-variables': ['secret'],
  builders: [
    { type: 'null', communicator: 'none' },
    { type: 'qemu', name: 'vm-{{user `name`}}', boot_command: ['<tab> {{ .HTTPIP }}'], disk_size: 20480 },
  ],
  provisioners: [
    {
      type: 'shell',
      only: ['vm-{{user `name`}}'],
      pause_before: '10s',
      max_retries: 3,
      timeout: '1m30s',
      override: { 'vm-{{user `name`}}': { execute_command: 'sudo {{.Path}}' } },
      inline: ['echo ${HOME} {{user `region`}}', 'echo {{user `secret`}}'],
    },
    { type: 'shell-local', except: ['null'], inline: ['true'] },
  ],
  'error-cleanup-provisioner': { type: 'shell-local', inline: ['echo cleanup'] },
  'post-processors': [
    'compress',
    { type: 'manifest', name: 'mf', keep_input_artifact: true, only: ['null'] },
    ['artifice', { type: 'checksum', checksum_types: ['sha256'] }],
  ],
};

describe('loadLegacyJsonTemplate: the model', () => {
  const { value: t, diags } = load(basic, { vars: ['password=pw'] });

  it('loads without diagnostics', () => assert.deepEqual(show(diags), []));

  it('variables: string defaults rendered in dependency order, sensitive ones marked', () => {
    const vars = Object.fromEntries(
      [...t.variables].map(([k, v]) => [k, [valueToJs(v.value), v.valueSource]]),
    );
    assert.deepEqual(vars, {
      name: ['web', 'default'],
      password: ['pw', 'cli'],
      region: ['eu-web', 'default'],
      secret: ['hunter2', 'default'],
    });
    assert.equal(t.variables.get('secret')!.sensitive, true);
    assert.ok(hasMark(t.variables.get('secret')!.value, 'sensitive'));
    assert.equal(valueToJs(t.variables.get('region')!.default!), 'eu-{{user `name`}}');
    assert.equal(at(t.variables.get('region')!.declRange), '7:5');
  });

  it('one source per builder, named by `name` (rendered) or by type', () => {
    assert.deepEqual([...t.sources.keys()], ['null.null', 'qemu.vm-web']);
    assert.deepEqual(
      t.builds[0]!.sources.map((s) => [s.type, s.sourceName, s.name]),
      [
        ['null', 'null', 'null'],
        ['qemu', 'vm-web', 'vm-web'],
      ],
    );
  });

  it('plugin bodies hide the meta keys; strings stay literal except what renders now', () => {
    assert.deepEqual(bodyValues(t, pickBody(t, 'source', 1)), {
      boot_command: ['<tab> {{ .HTTPIP }}'],
      disk_size: 20480,
    });
    const shell = bodyValues(t, pickBody(t, 'provisioner', 0));
    assert.deepEqual(shell, { inline: ['echo ${HOME} eu-web', 'echo hunter2'] });
  });

  it('a value holding a sensitive variable is marked sensitive', () => {
    const { attributes } = pickBody(t, 'provisioner', 0).justAttributes();
    const inline = attributes.get('inline')!.expr.value(undefined).value;
    const elems = inline.state === 'known' ? (inline.v as readonly Value[]) : [];
    assert.ok(!hasMark(elems[0]!, 'sensitive'));
    assert.ok(hasMark(elems[1]!, 'sensitive'));
  });

  it('provisioners: only/except name sources as TYPE.NAME; durations in ms; override by builder name', () => {
    const [shell, local] = t.builds[0]!.provisioners;
    assert.deepEqual(shell!.only, ['qemu.vm-web']);
    assert.equal(shell!.pauseBefore, 10_000);
    assert.equal(shell!.timeout, 90_000);
    assert.equal(shell!.maxRetries, 3);
    assert.deepEqual(valueToJs(shell!.override!), { 'vm-web': { execute_command: 'sudo {{.Path}}' } });
    assert.deepEqual(local!.except, ['null.null']);
    assert.equal(t.builds[0]!.errorCleanupProvisioner!.type, 'shell-local');
  });

  it('post-processors: a string is a type, an object one post-processor, an array a chain', () => {
    const chains = t.builds[0]!.postProcessorChains.map((c) =>
      c.map((p) => [p.type, p.name, p.only, p.keepInputArtifact ?? null]),
    );
    assert.deepEqual(chains, [
      [['compress', 'compress', [], null]],
      [['manifest', 'mf', ['null.null'], true]],
      [
        ['artifice', 'artifice', [], null],
        ['checksum', 'checksum', [], null],
      ],
    ]);
    const { attributes } = t.builds[0]!.postProcessorChains[2]![1]!.body.justAttributes();
    assert.deepEqual([...attributes.keys()], ['checksum_types']);
  });

  it('the build and packer block', () => {
    assert.equal(t.builds.length, 1);
    assert.equal(t.builds[0]!.description, 'a web image');
    assert.equal(t.packer.requiredVersion!.constraint, '>= 1.5.0');
    assert.equal(t.locals.size, 0);
    assert.equal(t.legacyJson, true);
  });

  it('plugin bodies decode through the schema decoder (null builder, shell, checksum)', () => {
    const reg = builtinRegistry();
    const nul = t.sources.get('null.null')!;
    const decoded = decodePluginConfig(reg.get('builder', 'null')!, [nul.body], t.evalContext);
    assert.deepEqual(show(decoded.diags), []);
    assert.equal((decoded.config as { communicator: string }).communicator, 'none');
    const checksum = t.builds[0]!.postProcessorChains[2]![1]!;
    const pp = decodePluginConfig(reg.get('post-processor', 'checksum')!, [checksum.body], t.evalContext);
    assert.deepEqual(show(pp.diags), []);
  });
});

describe('loadLegacyJsonTemplate: errors with Packer’s messages and JSON ranges', () => {
  const cases: { name: string; json: string; want: string[]; opts?: Partial<LegacyLoadOptions> }[] = [
    {
      name: 'unknown root keys (sorted); `_` keys are comments',
      json: '{\n  "zeta": 1,\n  "_comment": "ok",\n  "alpha": 2,\n  "builders": [{"type": "null"}]\n}',
      want: [
        "Unknown root level key in template: 'alpha' @4:3",
        "Unknown root level key in template: 'zeta' @2:3",
      ],
    },
    {
      name: 'a comment that is not a string',
      json: '{\n  "_c": 1,\n  "builders": [{"type": "null"}]\n}',
      want: ['Failed to cast root level comment value in comment "_c" to string. @2:9'],
    },
    {
      name: 'a duplicate key anywhere',
      json: '{\n  "builders": [{"type": "null", "type": "qemu"}]\n}',
      want: ['template has duplicate field: type @2:33'],
    },
    {
      name: 'builders: missing type, duplicate names, not an object',
      json: '{\n  "builders": [\n    {"name": "x"},\n    {"type": "null"},\n    {"type": "null"},\n    "qemu"\n  ]\n}',
      want: [
        "builder 1: missing 'type' @3:5",
        "builder 3: builder with name 'null' already exists @5:14",
        "builder 4: '' expected a map, got 'string' @6:5",
      ],
    },
    {
      name: 'provisioners: missing type, bad duration, bad max_retries',
      json: '{\n  "builders": [{"type": "null"}],\n  "provisioners": [\n    {"inline": []},\n    {"type": "shell", "pause_before": "soon"},\n    {"type": "shell", "max_retries": "x"}\n  ]\n}',
      want: [
        "provisioner 1: Provisioner missing 'type' @4:5",
        'provisioner 2: Error decoding provisioner: error decoding \'pause_before\': time: invalid duration "soon" @5:39',
        'provisioner 3: max_retries must be an integer @6:38',
      ],
    },
    {
      name: 'post-processors: bad format, nested sequence, missing type',
      json: '{\n  "builders": [{"type": "null"}],\n  "post-processors": [\n    5,\n    ["a", ["b"]],\n    {"name": "x"}\n  ]\n}',
      want: [
        'post-processor 1: bad format @4:5',
        'post-processor 2.2: sequence not allowed to be nested in a sequence @5:11',
        'post-processor 3.1: type is required @6:5',
      ],
    },
    {
      name: 'variables must be strings or null',
      json: '{\n  "variables": {"n": 5},\n  "builders": [{"type": "null"}]\n}',
      want: ["variable n: '' expected type 'string', got unconvertible type 'float64', value: '5' @2:22"],
    },
    {
      name: 'shapes of the sections',
      json: '{\n  "variables": [],\n  "builders": {}\n}',
      want: [
        "'variables' expected a map, got 'slice' @2:16",
        "'builders' expected a array or slice, got 'map' @3:15",
      ],
    },
    {
      name: 'error-cleanup-provisioner without a type',
      json: '{\n  "builders": [{"type": "null"}],\n  "error-cleanup-provisioner": {"inline": []}\n}',
      want: ["On Error Cleanup Provisioner error: Provisioner missing 'type' @3:32"],
    },
    {
      name: 'validation: no builders',
      json: '{\n  "builders": []\n}',
      want: ['at least one builder must be defined @2:15'],
    },
    {
      name: 'validation: only/except and overrides name builders',
      json: '{\n  "builders": [{"type": "null"}],\n  "provisioners": [\n    {"type": "shell", "only": ["nope"], "override": {"zz": {}}},\n    {"type": "shell", "only": ["null"], "except": ["null"]}\n  ],\n  "post-processors": [{"type": "compress", "except": ["q"]}]\n}',
      want: [
        "provisioner 1: 'only' specified builder 'nope' not found @4:32",
        "provisioner 1: override 'zz' doesn't exist @4:54",
        "provisioner 2: only one of 'only' or 'except' may be specified @5:23",
        "post-processor 1.1: 'except' specified builder 'q' not found @7:55",
      ],
    },
    {
      name: 'validation: min_packer_version',
      json: '{\n  "min_packer_version": "99.0.0",\n  "builders": [{"type": "null"}]\n}',
      want: ['This template requires Packer version 99.0.0 or higher; using 1.16.0 @2:25'],
    },
    {
      name: 'validation: a required variable not set',
      json: '{\n  "variables": {"r": null},\n  "builders": [{"type": "null"}]\n}',
      want: ['required variable not set: r @2:17'],
    },
    {
      name: 'variables: an undefined user variable in a value',
      json: '{\n  "variables": {"a": "{{user `zz`}}"},\n  "builders": [{"type": "null"}]\n}',
      want: ['Failed to interpolate "a" @2:22'],
    },
    {
      name: 'variables: a cycle',
      json: '{\n  "variables": {"a": "{{user `b`}}", "b": "{{user `a`}}"},\n  "builders": [{"type": "null"}]\n}',
      want: ['Failed to interpolate "a" @2:22'],
    },
    {
      name: 'syntax errors come from the JSON parser, with positions',
      json: '{\n  "builders": [,]\n}',
      want: [
        'Failed to parse file as legacy JSON template @2:16',
        'Invalid start of value @2:16',
        'Trailing comma in array @2:16',
        'Mismatched braces @3:1',
      ],
    },
    {
      name: 'an HCL file named as a legacy template',
      json: 'source "null" "a" {\n}\n',
      want: ['Failed to parse file as legacy JSON template @1:1', 'Invalid JSON keyword @1:1'],
    },
    {
      name: 'a root that is not an object',
      json: '[\n  {"builders": []}\n]',
      want: ["'' expected a map, got 'slice' @1:1"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(show(load(c.json, c.opts).diags), c.want));
  }

  it('syntax-only loading skips validation and variable checks', () => {
    const json = '{\n  "variables": {"r": null},\n  "builders": []\n}';
    assert.deepEqual(show(load(json, { syntaxOnly: true }).diags), []);
  });
});

describe('loadLegacyJsonTemplate: variable values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-json-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'one.json'), JSON.stringify({ a: 'file1', b: 'file1' }));
  writeFileSync(join(dir, 'two.json'), JSON.stringify({ b: 'file2', c: '{{user `a`}}+' }));
  writeFileSync(join(dir, 'bad.json'), '{\n  "a": 1\n}');
  const json = { variables: { a: 'd', b: 'd', c: 'd', e: '{{env `HOME`}}/x' }, builders: [{ type: 'null' }] };
  const values = (opts: Partial<LegacyLoadOptions>) => {
    const { value, diags } = load(json, { cwd: dir, env: { HOME: '/home/me' }, ...opts });
    assert.deepEqual(show(diags), []);
    return Object.fromEntries([...value.variables].map(([k, v]) => [k, valueToJs(v.value)]));
  };

  it('defaults, then var files in order, then -var; values render with env and other variables', () => {
    assert.deepEqual(values({}), { a: 'd', b: 'd', c: 'd', e: '/home/me/x' });
    assert.deepEqual(values({ varFiles: ['one.json', 'two.json'] }), {
      a: 'file1',
      b: 'file2',
      c: 'file1+',
      e: '/home/me/x',
    });
    assert.deepEqual(values({ varFiles: ['one.json', 'two.json'], vars: new Map([['a', 'cli']]) }), {
      a: 'cli',
      b: 'file2',
      c: 'cli+',
      e: '/home/me/x',
    });
    assert.deepEqual(
      values({
        varArgs: [
          { kind: 'var', text: 'b=x=y' },
          { kind: 'var-file', path: 'one.json' },
        ],
      }),
      { a: 'file1', b: 'x=y', c: 'd', e: '/home/me/x' },
    );
  });

  it('var file values must be strings', () => {
    const { diags } = load(json, { cwd: dir, varFiles: ['bad.json'] });
    assert.deepEqual(show(diags), [
      "Error reading variables in 'bad.json': json: cannot unmarshal number into Go value of type string @2:8",
    ]);
  });

  it('an undefined user variable in a plugin body renders empty, with a warning at the string', () => {
    const { value } = load({ builders: [{ type: 'null', host: 'h{{user `nope`}}' }] });
    const { attributes } = value.sources.get('null.null')!.body.justAttributes();
    const r = attributes.get('host')!.expr.value(undefined);
    assert.equal(valueToJs(r.value), 'h');
    assert.deepEqual(show(r.diags), ['warning: Undefined user variable @5:15']);
  });
});

describe('legacy JSON templates of the corpus', () => {
  // The var file of the image-builder qemu template is not a template.
  const files = corpusTemplates('.json', '.json.tmpl').filter(
    (f) => !f.name.endsWith('.pkr.json') && !f.name.endsWith('qemu-ubuntu-2404.json'),
  );

  it('there are six', () => assert.equal(files.length, 6));
  const qemuVarFile = join(
    templatesDir,
    'kubernetes-sigs__image-builder/images__capi__packer__qemu__qemu-ubuntu-2404.json',
  );

  for (const f of files) {
    it(`${f.name} loads into the model without diagnostics`, () => {
      // image-builder's templates are used with a var file naming the distribution (build_name, …).
      const varFiles = f.name.startsWith('kubernetes-sigs') ? [qemuVarFile] : [];
      const parsed = loadLegacyJsonTemplate(f.name, f.text, { cwd: '/cwd', env: {}, syntaxOnly: true });
      assert.deepEqual(show(parsed.diags), []);
      // Required variables are given on the command line, as their users do.
      const required = [...parsed.value.variables.values()]
        .filter((v) => !v.default)
        .map((v) => `${v.name}=x`);
      const { value, diags } = loadLegacyJsonTemplate(f.name, f.text, {
        cwd: '/cwd',
        env: {},
        vars: required,
        varFiles,
      });
      assert.deepEqual(show(diags), []);
      assert.ok(value.sources.size > 0);
      assert.equal(value.builds.length, 1);
      assert.equal(value.builds[0]!.sources.length, value.sources.size);
    });
  }

  it('geerlingguy ubuntu2004: the nested array is one vagrant -> vagrant-cloud chain', () => {
    const f = files.find((x) => x.name.includes('geerlingguy'))!;
    const { value } = loadLegacyJsonTemplate(f.name, f.text, { cwd: '/cwd', env: {} });
    assert.deepEqual(
      value.builds[0]!.postProcessorChains.map((c) => c.map((p) => p.type)),
      [['vagrant', 'vagrant-cloud']],
    );
  });

  it('hcl2_upgrade complete: two amazon-ebs builders, provisioner options, sensitive variables', () => {
    const f = files.find((x) => x.name.includes('hcl2_upgrade__complete'))!;
    const { value, diags } = loadLegacyJsonTemplate(f.name, f.text, {
      cwd: '/cwd',
      env: {},
      vars: ['aws_region=r'],
    });
    assert.deepEqual(show(diags), []);
    assert.deepEqual([...value.sources.keys()], ['amazon-ebs.amazon-ebs', 'amazon-ebs.named_builder']);
    const [breakpoint, shell] = value.builds[0]!.provisioners;
    assert.deepEqual([breakpoint!.only, breakpoint!.pauseBefore], [['amazon-ebs.amazon-ebs'], 5000]);
    assert.equal(shell!.maxRetries, 5);
    assert.deepEqual(
      [...value.variables.values()].filter((v) => v.sensitive).map((v) => v.name),
      ['secret_account', 'aws_secret_key', 'aws_access_key', 'password'],
    );
    const reg = builtinRegistry();
    for (const s of value.sources.values()) {
      const d = decodePluginConfig(reg.get('builder', s.type)!, [s.body], value.evalContext);
      assert.deepEqual(show(d.diags), [], s.name);
    }
  });
});

describe('loadTemplate dispatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-dispatch-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'template.json'),
    JSON.stringify({ builders: [{ type: 'null', communicator: 'none' }] }),
  );
  writeFileSync(
    join(dir, 'x.pkr.json'),
    JSON.stringify({ source: { null: { a: { communicator: 'none' } } } }),
  );

  it('a *.json file that is not *.pkr.json is a legacy template', async () => {
    assert.ok(legacyTemplateText('template.json', dir) !== undefined);
    const { value, diags } = await loadTemplate('template.json', { cwd: dir, env: {}, command: 'validate' });
    assert.deepEqual(show(diags), []);
    assert.deepEqual([...value.sources.keys()], ['null.null']);
  });

  it('*.pkr.json files, directories and missing files are not', () => {
    assert.equal(legacyTemplateText('x.pkr.json', dir), undefined);
    assert.equal(legacyTemplateText('.', dir), undefined);
    assert.equal(legacyTemplateText('missing.json', dir), undefined);
  });
});
