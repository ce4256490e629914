/** Which files make a template, and how unreadable ones are reported. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errors, load, tree, varValue } from './load-helpers.js';

describe('template files', () => {
  const dir = tree({
    'b.pkr.hcl': 'variable "b" {\n  default = "b"\n}\n',
    'a.pkr.json': '{"variable": {"a": {"default": "a"}}}',
    'c.pkr.hcl': 'variable "c" {\n  default = "c"\n}\n',
    'sub/ignored.pkr.hcl': 'this is not even HCL',
    'notes.hcl': 'neither is this',
    'z.auto.pkrvars.hcl': 'c = "from-auto"\n',
    'x.pkrvars.hcl': 'c = "not-auto"\n',
    'empty/readme.txt': 'nothing',
    'garbage.pkr.hcl': new Uint8Array([0x76, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x00, 0x01]),
    'syntax.pkr.hcl': 'variable "x" {\n  default = \n}\n',
  });

  it('a directory: every *.pkr.hcl then *.pkr.json in lexical order, not recursive, plus *.auto.pkrvars.*', async () => {
    const { value: t, diags } = await load(dir, '.', {});
    // garbage/syntax files are in the same directory: load a copy without them instead.
    assert.ok(errors(diags).length > 0);
    const clean = tree({
      'b.pkr.hcl': 'variable "b" {\n  default = "b"\n}\n',
      'a.pkr.json': '{"variable": {"a": {"default": "a"}}}',
      'c.pkr.hcl': 'variable "c" {\n  default = "c"\n}\n',
      'sub/ignored.pkr.hcl': 'this is not even HCL',
      'z.auto.pkrvars.hcl': 'c = "from-auto"\n',
      'x.pkrvars.hcl': 'c = "not-auto"\n',
    });
    const loaded = await load(clean);
    assert.deepEqual(errors(loaded.diags), []);
    assert.deepEqual(
      [...loaded.value.files.keys()],
      ['b.pkr.hcl', 'c.pkr.hcl', 'a.pkr.json', 'z.auto.pkrvars.hcl'],
    );
    assert.equal(varValue(loaded.value, 'a'), 'a');
    assert.equal(varValue(loaded.value, 'c'), 'from-auto');
    assert.equal(t.path, '.');
  });

  it('a single file: only that file (no auto var files), path.root is its directory', async () => {
    const { value: t, diags } = await load(dir, 'c.pkr.hcl');
    assert.deepEqual(errors(diags), []);
    assert.deepEqual([...t.files.keys()], ['c.pkr.hcl']);
    assert.equal(varValue(t, 'c'), 'c');
    assert.equal(t.rootDir, '.');
  });

  it('a missing path names it', async () => {
    const { diags } = await load(dir, 'nope.pkr.hcl');
    assert.deepEqual(errors(diags), ['Cannot tell whether nope.pkr.hcl is a directory']);
  });

  it('a directory without templates', async () => {
    const { diags } = await load(dir, 'empty');
    assert.deepEqual(errors(diags), ['Could not find any config file in empty']);
  });

  it('a file that is not a template is an error (Packer reads it as a legacy JSON template)', async () => {
    const { diags } = await load(dir, 'notes.hcl');
    assert.ok(errors(diags).length > 0);
  });

  it('binary garbage: one diagnostic naming the file and its first bad byte, not parsed', async () => {
    const { diags } = await load(dir, 'garbage.pkr.hcl');
    assert.deepEqual(errors(diags), ['Invalid character encoding']);
    assert.match(
      diags[0]!.detail!,
      /^garbage\.pkr\.hcl is not UTF-8 encoded text: the byte 0xFF at line 1, column 5 /,
    );
  });

  it('syntax errors stop loading (as Packer); syntaxOnly stops after parsing anyway', async () => {
    const bad = await load(dir, 'syntax.pkr.hcl');
    assert.equal(errors(bad.diags).length, 1);
    assert.equal(bad.value.variables.size, 0);
    const only = await load(dir, 'c.pkr.hcl', { syntaxOnly: true });
    assert.deepEqual(only.diags, []);
    assert.equal(only.value.variables.size, 0);
  });
});

describe('packer block', () => {
  const dir = tree({
    'old.pkr.hcl': 'packer {\n  required_version = ">= 99.0"\n}\nvariable "x" {}\n',
    'ok.pkr.hcl': `packer {
  required_version = "~> 1.7"
  required_plugins {
    qemu = {
      source  = "github.com/hashicorp/qemu"
      version = ">= 1.0.0"
    }
  }
}
`,
    'bad.pkr.hcl': `packer {
  required_version = "not a version"
  required_plugins {
    a = { source = "github.com/x/a" }
    b = { version = ">= 1" }
    c = { source = "a", version = ">= 1" }
    d = { source = "github.com/x/d", version = ">= 1.0.0-beta" }
  }
}
`,
  });

  it('a failing required_version is the only diagnostic, at the constraint', async () => {
    const { diags } = await load(dir, 'old.pkr.hcl');
    assert.deepEqual(errors(diags), ['Unsupported Packer Core version']);
    assert.equal(diags[0]!.subject?.start.line, 2);
  });

  it('required_plugins are kept', async () => {
    const { value: t, diags } = await load(dir, 'ok.pkr.hcl');
    assert.deepEqual(errors(diags), []);
    assert.equal(t.packer.requiredVersion?.constraint, '~> 1.7');
    assert.deepEqual(
      t.packer.requiredPlugins.map((p) => [p.accessor, p.source, p.version]),
      [['qemu', 'github.com/hashicorp/qemu', '>= 1.0.0']],
    );
  });

  it('malformed requirements', async () => {
    const { diags } = await load(dir, 'bad.pkr.hcl');
    assert.deepEqual(errors(diags), [
      'Invalid version constraint',
      'No version constraint was set',
      'No source was set',
      'Failed to parse source',
      'Invalid version constraint',
    ]);
  });
});

describe('no template', () => {
  it('an empty path (console without a template) gives the bare context and no diagnostics', async () => {
    const { value: t, diags } = await load(tree({ 'ignored.pkr.hcl': 'variable "x" {}\n' }), '');
    assert.deepEqual(diags, []);
    assert.equal(t.variables.size, 0);
    assert.ok(t.evalContext.variables?.has('path'));
  });
});

describe('hcp_packer_registry', () => {
  it('is accepted when well-formed, with variables in its labels (corpus hcp_par fixture)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { templatesDir } = await import('../hcl/corpus-files.js');
    const text = readFileSync(
      join(
        templatesDir,
        'hashicorp__packer',
        'hcl2template__testdata__hcp_par__top-level-variables-for-labels.pkr.hcl',
      ),
      'utf8',
    );
    const { diags } = await load(tree({ 't.pkr.hcl': text }));
    assert.deepEqual(errors(diags), []);
  });

  it('is checked as Packer checks it', async () => {
    const dir = tree({
      't.pkr.hcl': `hcp_packer_registry {
  bucket_name = "a b"
  bucket_lables = {}
}
hcp_packer_registry {
}
`,
    });
    const { diags } = await load(dir);
    assert.deepEqual(errors(diags), ['Only one hcp_packer_registry is allowed', 'Unsupported argument']);
    const named = await load(tree({ 't.pkr.hcl': 'hcp_packer_registry {\n  bucket_name = "a b"\n}\n' }));
    assert.deepEqual(errors(named.diags), [
      'hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens',
    ]);
  });
});
