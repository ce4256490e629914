/**
 * `imgbuild inspect`: Packer's layout (variables and locals sorted, Go-quoted values, builds with sources,
 * provisioners and post-processor chains), unknown and sensitive values, evaluation errors ignored as
 * Packer ignores them, parse errors failing; and, where packer is installed, byte-equal output with
 * `packer inspect` on corpus templates both read the same way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { inspectHelp } from '../../../src/cli/commands/inspect.js';
import { templatesDir } from '../../hcl/corpus-files.js';
import { runCli } from '../run-cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-inspect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

const template = `variable "token" {
  type      = string
  default   = "abcd-1234-secret"
  sensitive = true
}

variable "region" {
  type = string
}

variable "sizes" {
  default = [1, "two"]
}

locals {
  upper_region = upper(var.region)
  broken       = local.missing
  uses_broken  = "\${local.broken}-x"
  tags         = { owner = "me", "team name" = "infra" }
}

source "null" "a" {
  communicator = "none"
}

build {
  name        = "main"
  description = "The main build"
  sources     = ["source.null.a"]

  source "source.null.a" {
    name = "renamed"
  }

  provisioner "shell-local" {
    name   = "hello"
    inline = ["echo hi"]
  }

  provisioner "shell-local" {
    inline = ["echo bye"]
  }

  post-processor "manifest" {
  }

  post-processors {
    post-processor "checksum" {
      name = "sums"
    }
    post-processor "compress" {
    }
  }
}

build {
  sources = ["source.null.a"]
}
`;

test('the layout: variables, locals (failed ones left out), builds', async () => {
  put('t.pkr.hcl', template);
  const r = await runCli(['inspect', 't.pkr.hcl'], { cwd: dir });
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    `Packer Inspect: HCL2 mode

> input-variables:

var.region: "<unknown>"
var.sizes: "[\\n  1,\\n  \\"two\\",\\n]"
var.token: "<sensitive>"

> local-variables:

local.tags: "{\\n  \\"owner\\" = \\"me\\"\\n  \\"team name\\" = \\"infra\\"\\n}"
local.upper_region: "<unknown>"

> builds:

  > main:

  > Description: The main build

    sources:

      null.a

      null.renamed

    provisioners:

      shell-local.hello
      shell-local

    post-processors:

      0:
        manifest

      1:
        checksum.sums
        compress

  > <unnamed build 1>:

    sources:

      null.a

    provisioners:

      <no provisioner>

    post-processors:

      <no post-processor>

`,
  );
});

test('-var values show; -machine-readable prints ui lines', async () => {
  put('t.pkr.hcl', template);
  const r = await runCli(['inspect', '-var', 'region=eu', 't.pkr.hcl'], { cwd: dir });
  assert.match(r.out, /^var\.region: "eu"$/m);
  assert.match(r.out, /^local\.upper_region: "EU"$/m);
  const m = await runCli(['inspect', '-machine-readable', 't.pkr.hcl'], { cwd: dir });
  assert.equal(m.code, 0);
  assert.match(
    m.out,
    /^\d+,,ui,say,Packer Inspect: HCL2 mode\\n\n\d+,,ui,say,> input-variables:\\n\\nvar\.region/,
  );
});

test('parse errors fail (exit 1) with the diagnostic; no template is a usage error', async () => {
  put('t.pkr.hcl', 'potato {\n}\n');
  const r = await runCli(['inspect', 't.pkr.hcl'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^Error: Unsupported block type\n/);
  assert.deepEqual(await runCli(['inspect'], { cwd: dir }), { code: 2, out: '', err: `${inspectHelp}\n` });
  assert.deepEqual(await runCli(['inspect', '--help'], { cwd: dir }), {
    code: 0,
    out: `${inspectHelp}\n`,
    err: '',
  });
});

const legacy = `{
  "description": "A legacy template",
  "variables": {"region": "us-east-1", "secret": "hunter2-long", "needed": null, "a_long_variable_name": "x"},
  "sensitive-variables": ["secret"],
  "builders": [{"type": "null", "communicator": "none"}, {"type": "null", "name": "second", "communicator": "none"}],
  "provisioners": [{"type": "shell-local", "inline": ["true"]}, {"type": "shell-local", "inline": ["false"]}]
}
`;

test("a legacy JSON template: Packer's JSON-mode layout, required variables not an error", async () => {
  put('l.json', legacy);
  assert.deepEqual(await runCli(['inspect', 'l.json'], { cwd: dir }), {
    code: 0,
    out: `Packer Inspect: JSON mode
Description:

A legacy template

Required variables:

  needed

Optional variables and their defaults:

  a_long_variable_name = x
  region               = us-east-1
  secret               = <sensitive>

Builders:

  null  
  second (null)

Provisioners:

  shell-local
  shell-local

Note: If your build names contain user variables or template
functions such as 'timestamp', these are processed at build time,
and therefore only show in their raw form here.
`,
    err: '',
  });
  const m = await runCli(['inspect', '-machine-readable', 'l.json'], { cwd: dir });
  const lines = m.out.split('\n').map((l) => l.replace(/^\d+,/, ''));
  assert.ok(lines.includes(',template-variable,needed,,1'), m.out);
  assert.ok(lines.includes(',template-variable,secret,<sensitive>,0'), m.out);
  assert.ok(lines.includes(',template-builder,second,null'), m.out);
  assert.ok(lines.includes(',template-provisioner,shell-local'), m.out);
  assert.ok(lines.includes(',ui,say,  second (null)'), m.out);
});

const packer = spawnSync('packer', ['version'], { encoding: 'utf8' });
const packerAvailable = !packer.error && packer.status === 0;

/** Corpus templates Packer 1.6.6 also reads, whose output must match byte for byte. */
const sameAsPacker = [
  'AlmaLinux__cloud-images/almalinux_10_ami.pkr.hcl',
  'AlmaLinux__cloud-images/almalinux_10_vagrant.pkr.hcl',
  'actions__runner-images/images__ubuntu__templates__locals.ubuntu.pkr.hcl',
  'actions__runner-images/images__ubuntu__templates__source.ubuntu.pkr.hcl',
  'chef__bento/packer_templates__pkr-variables.pkr.hcl',
  'fwfurtado__the-lab-zone-iac/components__packer__components__lxc__locals.pkr.hcl',
  'fwfurtado__the-lab-zone-iac/components__packer__components__lxc__variables.pkr.hcl',
  'hashicorp__packer-plugin-amazon/builder__ebs__test-fixtures__unlimited-credits__burstable_instances.pkr.hcl',
  'hashicorp__packer-plugin-qemu/example__efi_build__efi-debian.pkr.hcl',
  'hashicorp__packer/command__test-fixtures__hcl__empty_object__var.pkr.hcl',
  'hashicorp__packer/command__test-fixtures__hcl__recipes__sources.pkr.hcl',
  'hashicorp__packer/command__test-fixtures__hcl__recursive_local_with_input__locals.pkr.hcl',
  'hashicorp__packer/examples__hcl__linux__source.qemu.pkr.hcl',
  'hashicorp__packer/examples__hcl__linux__variables.common.pkr.hcl',
  'hashicorp__packer/hcl2template__testdata__complete__sources.pkr.hcl',
  'hashicorp__packer/hcl2template__testdata__variables__recursive_locals.pkr.hcl',
  'hashicorp__packer/hcl2template__testdata__variables__validation__valid_map__definition.pkr.hcl',
  'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__variables-storage.pkr.hcl',
  // Legacy JSON ("JSON mode"); image-builder's ami/packer.json is left out: Packer lists its required
  // variables in Go's random map order.
  'hashicorp__packer-plugin-amazon/example__instance-metadata__ubuntu-imdsv2-enabled.json',
  'geerlingguy__packer-boxes/ubuntu2004__box-config.json',
  'hashicorp__packer/command__test-fixtures__hcl2_upgrade__complete__input.json',
  'hashicorp__packer/command__test-fixtures__hcl2_upgrade__escaping__input.json',
];

test('byte-equal with packer inspect (1.6.6) on corpus templates', {
  skip: packerAvailable ? false : 'packer is not installed',
}, async () => {
  for (const name of sameAsPacker) {
    const theirs = spawnSync('packer', ['inspect', name], {
      cwd: templatesDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1' },
    });
    const ours = await runCli(['inspect', name], { cwd: templatesDir });
    assert.equal(ours.code, 0, name);
    assert.equal(ours.out, theirs.stdout, name);
  }
});
