/**
 * The must-show table: every bad template (or bad command line) of bad-templates.cases.ts gives exactly one
 * clear diagnostic at the right line and column — the whole rendered text is pinned here — exits 1 (2 for
 * usage errors), prints nothing on stdout, and writes nothing (the case directory is unchanged).
 * Cases with a known cascade of extra diagnostics run as `todo`, with the owner and reason.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validateHelp } from '../../src/cli/commands/validate.js';
import { badCases } from './bad-templates.cases.js';
import { runCli, treeSnapshot } from './run-cli.js';

const usage = `${validateHelp}\n`;

interface Expected {
  readonly code: number;
  /** The whole stderr, with the case directory written `<dir>`; undefined when not pinned yet. */
  readonly err: string | undefined;
  readonly todo?: string;
}

const expected: Record<string, Expected> = {
  'typo in a variable argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 2, in variable "x":
   2:   tpye    = string
        ^^^^

An argument named "tpye" is not expected here. Did you mean "type"?


`,
  },
  'typo in a source argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 2, in source "null" "n":
   2:   comunicator = "none"
        ^^^^^^^^^^^

An argument named "comunicator" is not expected here. Did you mean
"communicator"?


`,
  },
  'typo in a provisioner argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 9, in build:
   9:     inlne = ["echo hi"]
          ^^^^^

An argument named "inlne" is not expected here. Did you mean "inline"?


`,
  },
  'typo in a build argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 6, in build:
   6:   sourcse = ["source.null.n"]
        ^^^^^^^

An argument named "sourcse" is not expected here. Did you mean "sources"?


`,
  },
  'typo in a post-processor argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 9, in build:
   9:     outptu = "m.json"
          ^^^^^^

An argument named "outptu" is not expected here. Did you mean "output"?


`,
  },
  'typo in a meta-argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 10, in build:
  10:     pause_befor = "1s"
          ^^^^^^^^^^^

An argument named "pause_befor" is not expected here. Did you mean
"pause_before"?


`,
  },
  'typo in a qemu argument': {
    code: 1,
    err: `Error: Unsupported argument

  on t.pkr.hcl line 4, in source "qemu" "q":
   4:   disk_szie    = "10G"
        ^^^^^^^^^

An argument named "disk_szie" is not expected here. Did you mean "disk_size"?


`,
  },
  'default not of the declared type': {
    code: 1,
    err: `Error: Invalid default value for variable

  on t.pkr.hcl line 3, in variable "n":
   3:   default = "many"
                  ^^^^^^

This default value is not compatible with the variable's type constraint: a
number is required.


`,
  },
  'list where a string is expected': {
    code: 1,
    err: `Error: Incorrect attribute value type

  on t.pkr.hcl line 2, in source "null" "n":
   2:   communicator = ["none"]
                       ^^^^^^^^

Inappropriate value for attribute "communicator": string required.


`,
  },
  'sources is a string': {
    code: 1,
    err: `Error: Unsuitable value type

  on t.pkr.hcl line 6, in build:
   6:   sources = "source.null.n"
                   ^^^^^^^^^^^^^

Unsuitable value: list of string required


`,
  },
  'string where a list is expected in a provisioner': {
    code: 1,
    err: `Error: Incorrect attribute value type

  on t.pkr.hcl line 9, in build:
   9:     inline = "echo hi"
                   ^^^^^^^^^

Inappropriate value for attribute "inline": list of string required.


`,
  },
  'invalid type keyword': {
    code: 1,
    err: `Error: Invalid type specification

  on t.pkr.hcl line 2, in variable "n":
   2:   type = int
               ^^^

The keyword "int" is not a valid type specification.


`,
  },
  '-var value not of the type': {
    code: 1,
    err: `Error: Invalid argument value for -var variable

The received arg value for n is not compatible with the variable's type
constraint: a number is required.


`,
  },
  'source without a name': {
    code: 1,
    err: `Error: Missing name for source

  on t.pkr.hcl line 1, in source "null":
   1: source "null" {
                    ^

All source blocks must have 2 labels (type, name).


`,
  },
  'source without labels': {
    code: 1,
    err: `Error: Missing type for source

  on t.pkr.hcl line 1, in source:
   1: source {
             ^

All source blocks must have 2 labels (type, name).


`,
  },
  'variable without a name': {
    code: 1,
    err: `Error: Missing name for variable

  on t.pkr.hcl line 1, in variable:
   1: variable {
               ^

All variable blocks must have 1 labels (name).


`,
  },
  'provisioner without a type': {
    code: 1,
    err: `Error: Missing type for provisioner

  on t.pkr.hcl line 8, in build:
   8:   provisioner {
                    ^

All provisioner blocks must have 1 labels (type).


`,
  },
  'unknown top-level block': {
    code: 1,
    err: `Error: Unsupported block type

  on t.pkr.hcl line 1, in potato "x":
   1: potato "x" {
      ^^^^^^

Blocks of type "potato" are not expected here.


`,
  },
  'unknown block inside build': {
    code: 1,
    err: `Error: Unsupported block type

  on t.pkr.hcl line 8, in build:
   8:   provision "shell-local" {
        ^^^^^^^^^

Blocks of type "provision" are not expected here. Did you mean "provisioner"?


`,
  },
  'required variable not set': {
    code: 1,
    err: `Error: Unset variable "region"

  on t.pkr.hcl line 1, in variable "region":
   1: variable "region" {
      ^^^^^^^^^^^^^^^^^

A used variable must be set or have a default value; see
https://packer.io/docs/templates/hcl_templates/syntax for details. Set it with
-var region=…, a var file, or PKR_VAR_region.


`,
  },
  'failing validation rule': {
    code: 1,
    err: `Error: Invalid value for default variable

  on t.pkr.hcl line 3, in variable "size":
   3:   default = 3
                  ^

The size must be more than 10.

This was checked by the validation rule at t.pkr.hcl:5,3-13.


`,
  },
  'validation rule failing for a -var value': {
    code: 1,
    err: `Error: Invalid value for cmd variable

  on t.pkr.hcl line 1, in variable "size":
   1: variable "size" {
      ^^^^^^^^^^^^^^^

The size must be more than 10.

This was checked by the validation rule at t.pkr.hcl:5,3-13.


`,
  },
  'undeclared -var': {
    code: 1,
    err: `Error: Undefined -var variable

A "nope" variable was passed in the command line but was not found in known
variables. To declare variable "nope", place this block in one of your .pkr
files, such as variables.pkr.hcl


`,
  },
  'reference to an undeclared variable': {
    code: 1,
    err: `Error: Unsupported attribute

  on t.pkr.hcl line 2, in locals:
   2:   region = var.regoin
                    ^^^^^^^

This object does not have an attribute named "regoin".


`,
  },
  'reference to an undeclared local': {
    code: 1,
    err: `Error: Unsupported attribute

  on t.pkr.hcl line 3, in locals:
   3:   b = local.c
                 ^^

This object does not have an attribute named "c".


`,
  },
  'local dependency cycle': {
    code: 1,
    err: `Error: Dependency cycle

  on t.pkr.hcl line 2, in locals:
   2:   a = local.b
            ^^^^^^^

local.a -> local.b -> local.a: these refer to each other, so none of them can
be evaluated. Break the cycle by removing one of the references.


`,
  },
  'unknown function': {
    code: 1,
    err: `Error: Call to unknown function

  on t.pkr.hcl line 2, in locals:
   2:   name = uper("x")
               ^^^^

There is no function named "uper".


`,
  },
  'env() outside a variable default': {
    code: 1,
    err: `Error: Call to unknown function

  on t.pkr.hcl line 2, in locals:
   2:   home = env("HOME")
               ^^^

There is no function named "env".


`,
  },
  'duplicate variable': {
    code: 1,
    err: `Error: Duplicate variable

  on t.pkr.hcl line 5, in variable "a":
   5: variable "a" {
               ^^^

Duplicate a variable definition found.


`,
  },
  'duplicate source': {
    code: 1,
    err: `Error: Duplicate source block

  on t.pkr.hcl line 9, in source "null" "n":
   9: source "null" "n" {
      ^^^^^^^^^^^^^^^^^

This source block has the same builder type and name as a previous block
declared at t.pkr.hcl:1,1-18. Each source must have a unique name per builder
type.


`,
  },
  'duplicate local': {
    code: 1,
    err: `Error: Duplicate local definition

  on t.pkr.hcl line 6, in locals:
   6:   a = 2
            ^

Local variable "a" is defined twice in your templates. Other definition found
at "t.pkr.hcl:2,7-8"


`,
  },
  'attribute set twice': {
    code: 1,
    err: `Error: Attribute redefined

  on t.pkr.hcl line 3, in source "null" "n":
   3:   communicator = "ssh"
        ^^^^^^^^^^^^

The argument "communicator" was already set at t.pkr.hcl:2,3-15. Each argument
may be set only once.


`,
  },
  'two error-cleanup-provisioners': {
    code: 1,
    err: `Error: Only one error-cleanup-provisioner is allowed

  on t.pkr.hcl line 12, in build:
  12:   error-cleanup-provisioner "shell-local" {
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^


`,
  },
  'bad pause_before duration': {
    code: 1,
    err: `Error: Failed to parse pause_before duration

  on t.pkr.hcl line 10, in build:
  10:     pause_before = "5 minutes"
                         ^^^^^^^^^^^

time: unknown unit " minutes" in duration "5 minutes"


`,
  },
  'bad timeout duration': {
    code: 1,
    err: `Error: Failed to parse timeout duration

  on t.pkr.hcl line 10, in build:
  10:     timeout = "10x"
                    ^^^^^

time: unknown unit "x" in duration "10x"


`,
  },
  'unknown source reference': {
    code: 1,
    err: `Error: Unknown source null.m

  on t.pkr.hcl line 6, in build:
   6:   sources = ["source.null.m"]
                   ^^^^^^^^^^^^^^^

Did you mean to use "null.n"?


`,
  },
  'unknown builder type': {
    code: 1,
    err: `Error: Unknown builder type "potato"

  on t.pkr.hcl line 1, in source "potato" "p":
   1: source "potato" "p" {
             ^^^^^^^^

imgbuild does not implement the builder "potato". Known builders: amazon-ebs,
null, qemu.


`,
  },
  'unknown provisioner type': {
    code: 1,
    err: `Error: Unknown provisioner type "shel"

  on t.pkr.hcl line 8, in build:
   8:   provisioner "shel" {
                    ^^^^^^

imgbuild does not implement the provisioner "shel". Did you mean "shell"? Known
provisioners: breakpoint, file, shell, shell-local.


`,
  },
  'unknown post-processor type': {
    code: 1,
    err: `Error: Unknown post-processor type "manifset"

  on t.pkr.hcl line 8, in build:
   8:   post-processor "manifset" {
                       ^^^^^^^^^^

imgbuild does not implement the post-processor "manifset". Did you mean
"manifest"? Known post-processors: artifice, checksum, compress, manifest, ovf,
shell-local.


`,
  },
  'unknown data source type': {
    code: 1,
    err: `Error: Unknown data source type "potato"

  on t.pkr.hcl line 1, in data "potato" "p":
   1: data "potato" "p" {
           ^^^^^^^^

imgbuild does not implement the data source "potato". Known data sources: http,
null.


`,
  },
  'missing closing brace': {
    code: 1,
    err: `Error: Unclosed configuration block

  on t.pkr.hcl line 1, in source "null" "n":
   1: source "null" "n" {
                        ^

There is no closing brace for this block before the end of the file. This may
be caused by incorrect brace nesting elsewhere in this file.


`,
  },
  'bare word': {
    code: 1,
    err: `Error: Argument or block definition required

  on t.pkr.hcl line 9:
   9: invalid
      ^^^^^^^

An argument or block definition is required here. To set an argument, use the
equals sign "=" to introduce the argument value.


`,
  },
  'unterminated string': {
    code: 1,
    err: `Error: Unterminated template string

  on t.pkr.hcl line 2, in variable "a":
   2:   default = "abc
                  ^^^^

No closing quote mark was found for this string on its line. Quoted strings may
not be split over multiple lines: to produce a multi-line string, either use
the \\n escape to represent a newline character or use the "heredoc" multi-line
template syntax.


`,
  },
  'JSON syntax error': {
    code: 1,
    err: `Error: Trailing comma in object

  on t.pkr.json line 3:
   3:     "a": {"default": 1,}
                            ^

JSON does not permit a trailing comma after the final property in an object.


`,
  },
  'binary garbage': {
    code: 1,
    err: `Error: Invalid character encoding

t.pkr.hcl is not UTF-8 encoded text: the byte 0xFF at line 1, column 5 is not
valid UTF-8. All input files must be UTF-8 encoded; is it a binary file?


`,
  },
  '50 MB file with an error at the end': {
    code: 1,
    err: `Error: Invalid expression

  on t.pkr.hcl line 500002, in source "null" "n":
500002:   communicator = 42 +
                             ^

Expected the start of an expression, but found an invalid expression token.


`,
  },
  'required_version not met': {
    code: 1,
    err: `Error: Unsupported Packer Core version

  on t.pkr.hcl line 2, in packer:
   2:   required_version = ">= 99.0.0"
                           ^^^^^^^^^^^

This configuration does not support Packer version 1.16.0. To proceed, either
choose another supported Packer version or update this version constraint.
Version constraints are normally set for good reason, so updating the
constraint may lead to other errors or unexpected behavior.


`,
  },
  'template file missing': {
    code: 1,
    err: `Error: Cannot tell whether missing.pkr.hcl is a directory

ENOENT: no such file or directory, stat
'<dir>/missing.pkr.hcl'


`,
  },
  'var file is a directory': {
    code: 1,
    err: `Error: Failed to read file vars.pkrvars.hcl

EISDIR: illegal operation on a directory, read


`,
  },
  'dangling symlink in a template directory': {
    code: 1,
    err: `Error: Failed to read file d/broken.pkr.hcl

ENOENT: no such file or directory, open
'<dir>/d/broken.pkr.hcl'


`,
  },
  'var file missing': {
    code: 1,
    err: `Error: Failed to read file nope.pkrvars.hcl

ENOENT: no such file or directory, open
'<dir>/nope.pkrvars.hcl'


`,
  },
  'var file with a syntax error': {
    code: 1,
    err: `Error: Invalid expression

  on v.pkrvars.hcl line 1:
  (source code not available)

Expected the start of an expression, but found an invalid expression token.


`,
  },
  'var file declaring a variable': {
    code: 1,
    err: `Error: Variable declaration in a .pkrvar file

  on v.pkrvars.hcl line 1, in variable "a":
   1: variable "a" {
      ^^^^^^^^

A .pkrvar file is used to assign values to variables that have already been
declared in .pkr files, not to declare new variables. To declare variable "a",
place this block in one of your .pkr files, such as variables.pkr.hcl

To set a value for this variable in v.pkrvars.hcl, use the definition syntax
instead:
a = <value>


`,
  },
  'bad -var syntax': {
    code: 2,
    err: `invalid value "region" for flag -var: No '=' value in arg: region
${usage}`,
  },
  'unknown flag': {
    code: 2,
    err: `flag provided but not defined: -syntax
${usage}`,
  },
  'two templates': {
    code: 2,
    err: usage,
  },
  'directory without templates': {
    code: 1,
    err: `Error: Could not find any config file in empty

A config file must be suffixed with \`.pkr.hcl\` or \`.pkr.json\`. A folder can be
referenced.


`,
  },
};

/** Diagnostics start with `Error: ` or `Warning: ` at the start of a line; usage errors have none. */
function diagnosticCount(text: string): number {
  return text.match(/^(Error|Warning): /gm)?.length ?? 0;
}

test('the table has at least 40 cases, each with an expectation', () => {
  assert.ok(badCases.length >= 40, `${badCases.length} cases`);
  assert.deepEqual(
    badCases.map((c) => c.name).filter((n) => !(n in expected)),
    [],
  );
});

for (const c of badCases) {
  const exp = expected[c.name]!;
  test(c.name, { todo: exp.todo }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-bad-'));
    try {
      for (const [rel, content] of Object.entries(c.files)) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), content);
      }
      c.generate?.(dir);
      const before = treeSnapshot(dir);
      const r = await runCli([...(c.argv ?? ['validate', 't.pkr.hcl'])], { cwd: dir });
      assert.deepEqual(treeSnapshot(dir), before, 'nothing written');
      assert.equal(r.out, '', 'nothing on stdout');
      assert.equal(r.code, exp.code);
      if (exp.err !== undefined) assert.equal(r.err.replaceAll(dir, '<dir>'), exp.err);
      if (exp.code === 1) assert.equal(diagnosticCount(r.err), 1, 'exactly one diagnostic');
      else assert.equal(diagnosticCount(r.err), 0, 'a usage error, not a diagnostic');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
