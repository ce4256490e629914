/**
 * The must-show table's inputs: bad templates (and bad command lines), each meant to give exactly one
 * clear diagnostic. The expected output of each is in bad-templates.test.ts.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BadCase {
  readonly name: string;
  /** Files to create in the case's directory (relative names; Buffers for binary content). */
  readonly files: Readonly<Record<string, string | Buffer>>;
  /** The command line after `imgbuild`; defaults to `validate t.pkr.hcl`. */
  readonly argv?: readonly string[];
  /** Large content generated on the fly (kept out of the source). */
  readonly generate?: (dir: string) => void;
}

const nullBuild = `source "null" "n" {
  communicator = "none"
}

build {
  sources = ["source.null.n"]
}
`;

function withProvisioner(body: string): string {
  return `source "null" "n" {
  communicator = "none"
}

build {
  sources = ["source.null.n"]

  ${body}
}
`;
}

export const badCases: readonly BadCase[] = [
  // Typos in argument and block names.
  {
    name: 'typo in a variable argument',
    files: { 't.pkr.hcl': 'variable "x" {\n  tpye    = string\n  default = "a"\n}\n' },
  },
  {
    name: 'typo in a source argument',
    files: { 't.pkr.hcl': nullBuild.replace('communicator', 'comunicator') },
  },
  {
    name: 'typo in a provisioner argument',
    files: { 't.pkr.hcl': withProvisioner('provisioner "shell-local" {\n    inlne = ["echo hi"]\n  }') },
  },
  { name: 'typo in a build argument', files: { 't.pkr.hcl': nullBuild.replace('sources =', 'sourcse =') } },
  {
    name: 'typo in a post-processor argument',
    files: { 't.pkr.hcl': withProvisioner('post-processor "manifest" {\n    outptu = "m.json"\n  }') },
  },
  {
    name: 'typo in a meta-argument',
    files: {
      't.pkr.hcl': withProvisioner(
        'provisioner "shell-local" {\n    inline      = ["true"]\n    pause_befor = "1s"\n  }',
      ),
    },
  },
  {
    name: 'typo in a qemu argument',
    files: {
      't.pkr.hcl':
        'source "qemu" "q" {\n  iso_url      = "x.iso"\n  iso_checksum = "none"\n  disk_szie    = "10G"\n}\n\nbuild {\n  sources = ["source.qemu.q"]\n}\n',
    },
  },
  // Wrong types.
  {
    name: 'default not of the declared type',
    files: { 't.pkr.hcl': 'variable "n" {\n  type    = number\n  default = "many"\n}\n' },
  },
  {
    name: 'list where a string is expected',
    files: { 't.pkr.hcl': nullBuild.replace('"none"', '["none"]') },
  },
  {
    name: 'sources is a string',
    files: { 't.pkr.hcl': nullBuild.replace('["source.null.n"]', '"source.null.n"') },
  },
  {
    name: 'string where a list is expected in a provisioner',
    files: { 't.pkr.hcl': withProvisioner('provisioner "shell-local" {\n    inline = "echo hi"\n  }') },
  },
  { name: 'invalid type keyword', files: { 't.pkr.hcl': 'variable "n" {\n  type = int\n}\n' } },
  {
    name: '-var value not of the type',
    files: { 't.pkr.hcl': 'variable "n" {\n  type    = number\n  default = 1\n}\n' },
    argv: ['validate', '-var', 'n=lots', 't.pkr.hcl'],
  },
  // Labels and block types.
  { name: 'source without a name', files: { 't.pkr.hcl': 'source "null" {\n  communicator = "none"\n}\n' } },
  { name: 'source without labels', files: { 't.pkr.hcl': 'source {\n  communicator = "none"\n}\n' } },
  { name: 'variable without a name', files: { 't.pkr.hcl': 'variable {\n  default = 1\n}\n' } },
  { name: 'provisioner without a type', files: { 't.pkr.hcl': withProvisioner('provisioner {\n  }') } },
  { name: 'unknown top-level block', files: { 't.pkr.hcl': 'potato "x" {\n}\n' } },
  {
    name: 'unknown block inside build',
    files: { 't.pkr.hcl': withProvisioner('provision "shell-local" {\n  }') },
  },
  // Variables and validation.
  { name: 'required variable not set', files: { 't.pkr.hcl': 'variable "region" {\n  type = string\n}\n' } },
  {
    name: 'failing validation rule',
    files: {
      't.pkr.hcl':
        'variable "size" {\n  type    = number\n  default = 3\n\n  validation {\n    condition     = var.size > 10\n    error_message = "The size must be more than 10."\n  }\n}\n',
    },
  },
  {
    name: 'validation rule failing for a -var value',
    files: {
      't.pkr.hcl':
        'variable "size" {\n  type    = number\n  default = 30\n\n  validation {\n    condition     = var.size > 10\n    error_message = "The size must be more than 10."\n  }\n}\n',
    },
    argv: ['validate', '-var', 'size=2', 't.pkr.hcl'],
  },
  {
    name: 'undeclared -var',
    files: { 't.pkr.hcl': nullBuild },
    argv: ['validate', '-var', 'nope=1', 't.pkr.hcl'],
  },
  {
    name: 'reference to an undeclared variable',
    files: {
      't.pkr.hcl': 'locals {\n  region = var.regoin\n}\n\nvariable "region" {\n  default = "eu"\n}\n',
    },
  },
  {
    name: 'reference to an undeclared local',
    files: { 't.pkr.hcl': 'locals {\n  a = "x"\n  b = local.c\n}\n' },
  },
  { name: 'local dependency cycle', files: { 't.pkr.hcl': 'locals {\n  a = local.b\n  b = local.a\n}\n' } },
  { name: 'unknown function', files: { 't.pkr.hcl': 'locals {\n  name = uper("x")\n}\n' } },
  { name: 'env() outside a variable default', files: { 't.pkr.hcl': 'locals {\n  home = env("HOME")\n}\n' } },
  // Duplicates.
  {
    name: 'duplicate variable',
    files: { 't.pkr.hcl': 'variable "a" {\n  default = 1\n}\n\nvariable "a" {\n  default = 2\n}\n' },
  },
  {
    name: 'duplicate source',
    files: { 't.pkr.hcl': `${nullBuild}\nsource "null" "n" {\n  communicator = "none"\n}\n` },
  },
  { name: 'duplicate local', files: { 't.pkr.hcl': 'locals {\n  a = 1\n}\n\nlocals {\n  a = 2\n}\n' } },
  {
    name: 'attribute set twice',
    files: {
      't.pkr.hcl': nullBuild.replace(
        'communicator = "none"',
        'communicator = "none"\n  communicator = "ssh"',
      ),
    },
  },
  {
    name: 'two error-cleanup-provisioners',
    files: {
      't.pkr.hcl': withProvisioner(
        'error-cleanup-provisioner "shell-local" {\n    inline = ["a"]\n  }\n\n  error-cleanup-provisioner "shell-local" {\n    inline = ["b"]\n  }',
      ),
    },
  },
  // Durations.
  {
    name: 'bad pause_before duration',
    files: {
      't.pkr.hcl': withProvisioner(
        'provisioner "shell-local" {\n    inline       = ["true"]\n    pause_before = "5 minutes"\n  }',
      ),
    },
  },
  {
    name: 'bad timeout duration',
    files: {
      't.pkr.hcl': withProvisioner(
        'provisioner "shell-local" {\n    inline  = ["true"]\n    timeout = "10x"\n  }',
      ),
    },
  },
  // References to sources and plugins.
  {
    name: 'unknown source reference',
    files: { 't.pkr.hcl': nullBuild.replace('source.null.n"]', 'source.null.m"]') },
  },
  {
    name: 'unknown builder type',
    files: { 't.pkr.hcl': 'source "potato" "p" {\n}\n\nbuild {\n  sources = ["source.potato.p"]\n}\n' },
  },
  {
    name: 'unknown provisioner type',
    files: { 't.pkr.hcl': withProvisioner('provisioner "shel" {\n    inline = ["true"]\n  }') },
  },
  {
    name: 'unknown post-processor type',
    files: { 't.pkr.hcl': withProvisioner('post-processor "manifset" {\n  }') },
  },
  { name: 'unknown data source type', files: { 't.pkr.hcl': `data "potato" "p" {\n}\n\n${nullBuild}` } },
  // Syntax.
  {
    name: 'missing closing brace',
    files: {
      't.pkr.hcl':
        'source "null" "n" {\n  communicator = "none"\n\nbuild {\n  sources = ["source.null.n"]\n}\n',
    },
  },
  { name: 'bare word', files: { 't.pkr.hcl': `${nullBuild}\ninvalid\n` } },
  { name: 'unterminated string', files: { 't.pkr.hcl': 'variable "a" {\n  default = "abc\n}\n' } },
  {
    name: 'JSON syntax error',
    files: { 't.pkr.json': '{\n  "variable": {\n    "a": {"default": 1,}\n  }\n}\n' },
    argv: ['validate', 't.pkr.json'],
  },
  {
    name: 'binary garbage',
    files: { 't.pkr.hcl': Buffer.from([0x76, 0x61, 0x72, 0x20, 0xff, 0xfe, 0x00, 0x81, 0x0a]) },
  },
  {
    name: '50 MB file with an error at the end',
    files: {},
    // 500,000 comment lines of 100 bytes, then a bad line: the diagnostic must point at line 500,001.
    generate: (dir) => {
      const line = `# ${'x'.repeat(97)}\n`;
      const text = `${line.repeat(500_000)}source "null" "n" {\n  communicator = 42 +\n}\n`;
      writeFileSync(path.join(dir, 't.pkr.hcl'), text);
    },
  },
  {
    name: 'required_version not met',
    files: { 't.pkr.hcl': `packer {\n  required_version = ">= 99.0.0"\n}\n\n${nullBuild}` },
  },
  // Files and command lines.
  { name: 'template file missing', files: {}, argv: ['validate', 'missing.pkr.hcl'] },
  {
    name: 'var file is a directory',
    files: { 't.pkr.hcl': nullBuild, 'vars.pkrvars.hcl/readme.txt': 'a directory, not a file\n' },
    argv: ['validate', '-var-file', 'vars.pkrvars.hcl', 't.pkr.hcl'],
  },
  {
    name: 'dangling symlink in a template directory',
    files: { 'd/t.pkr.hcl': nullBuild },
    argv: ['validate', 'd'],
    generate: (dir) =>
      symlinkSync(path.join(dir, 'nowhere', 'gone.pkr.hcl'), path.join(dir, 'd', 'broken.pkr.hcl')),
  },
  {
    name: 'var file missing',
    files: { 't.pkr.hcl': nullBuild },
    argv: ['validate', '-var-file', 'nope.pkrvars.hcl', 't.pkr.hcl'],
  },
  {
    name: 'var file with a syntax error',
    files: { 't.pkr.hcl': 'variable "a" {\n  default = 1\n}\n', 'v.pkrvars.hcl': 'a = = 2\n' },
    argv: ['validate', '-var-file=v.pkrvars.hcl', 't.pkr.hcl'],
  },
  {
    name: 'var file declaring a variable',
    files: { 't.pkr.hcl': 'variable "a" {\n  default = 1\n}\n', 'v.pkrvars.hcl': 'variable "a" {\n}\n' },
    argv: ['validate', '-var-file=v.pkrvars.hcl', 't.pkr.hcl'],
  },
  {
    name: 'bad -var syntax',
    files: { 't.pkr.hcl': nullBuild },
    argv: ['validate', '-var', 'region', 't.pkr.hcl'],
  },
  { name: 'unknown flag', files: { 't.pkr.hcl': nullBuild }, argv: ['validate', '-syntax', 't.pkr.hcl'] },
  { name: 'two templates', files: { 't.pkr.hcl': nullBuild }, argv: ['validate', 't.pkr.hcl', 'u.pkr.hcl'] },
  {
    name: 'directory without templates',
    files: { 'empty/readme.txt': 'nothing here\n' },
    argv: ['validate', 'empty'],
  },
];
