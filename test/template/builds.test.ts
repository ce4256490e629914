import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DynamicVal, objectVal, stringVal, tupleVal } from '../../src/hcl/values.js';
import type { Build } from '../../src/template/model.js';
import { corpusText, decodeTemplate, summaries } from './build-helpers.js';

const packerFixture = (name: string) => `hashicorp__packer/hcl2template__testdata__build__${name}.pkr.hcl`;

function decodeFixture(name: string) {
  const f = packerFixture(name);
  return decodeTemplate({ [f]: corpusText(f) });
}

/** A compact picture of a build: sources as TYPE.SOURCENAME>NAME, blocks as TYPE[.NAME]. */
function outline(b: Build) {
  const label = (x: { type: string; name?: string }) => (x.name ? `${x.type}.${x.name}` : x.type);
  return {
    name: b.name,
    sources: b.sources.map((s) => `${s.type}.${s.sourceName}>${s.name}`),
    provisioners: b.provisioners.map(label),
    cleanup: b.errorCleanupProvisioner && label(b.errorCleanupProvisioner),
    postProcessors: b.postProcessorChains.map((c) => c.map(label)),
  };
}

test('build__provisioner_untyped: HCL\'s "Unsupported block type … Did you mean "provisioner"?"', () => {
  const { diags } = decodeFixture('provisioner_untyped');
  assert.equal(diags[0]!.summary, 'Unsupported block type');
  assert.equal(
    diags[0]!.detail,
    'Blocks of type "provision" are not expected here. Did you mean "provisioner"?',
  );
  assert.deepEqual([diags[0]!.subject?.start.line, diags[0]!.subject?.start.column], [3, 5]);
  // The build has no source either; Packer stops at the first error, and so do we for this one.
  assert.equal(diags.length, 1);
});

test('build__two-error-cleanup-provisioner: only one is allowed; the first is kept', () => {
  const { diags, builds } = decodeFixture('two-error-cleanup-provisioner');
  assert.deepEqual(summaries(diags), ['Only one error-cleanup-provisioner is allowed']);
  assert.equal(diags[0]!.subject?.start.line, 13);
  assert.equal(builds[0]!.errorCleanupProvisioner?.type, 'shell-local');
});

test('build__post-processor_onlyexcept: sources from the list then the build-level block, four chains', () => {
  const { diags, builds } = decodeFixture('post-processor_onlyexcept');
  assert.deepEqual(diags, []);
  assert.deepEqual(outline(builds[0]!), {
    name: undefined,
    sources: ['virtualbox-iso.ubuntu-1204>ubuntu-1204', 'amazon-ebs.ubuntu-1604>aws-ubuntu-16.04'],
    provisioners: [],
    cleanup: undefined,
    postProcessors: [['amazon-import'], ['manifest'], ['amazon-import'], ['manifest']],
  });
  const pps = builds[0]!.postProcessorChains.map((c) => c[0]!);
  assert.deepEqual(
    pps.map((p) => [p.only, p.except]),
    [
      [['virtualbox-iso.ubuntu-1204'], []],
      [[], ['virtualbox-iso.ubuntu-1204']],
      [['amazon-ebs.aws-ubuntu-16.04'], []],
      [[], ['amazon-ebs.aws-ubuntu-16.04']],
    ],
  );
});

test('build__variables: name and description are evaluated with var and local', () => {
  const f = packerFixture('variables');
  const { diags, builds } = decodeTemplate(
    { [f]: corpusText(f) },
    { name: stringVal('build-name') },
    { description: stringVal('This is the description for build-name.') },
  );
  assert.deepEqual(diags, []);
  assert.equal(builds[0]!.name, 'build-name');
  assert.equal(builds[0]!.description, 'This is the description for build-name.');
});

test('recipes: two builds, build-level sources renamed, provisioners and post-processors in block order', () => {
  const build = 'hashicorp__packer/command__test-fixtures__hcl__recipes__build.pkr.hcl';
  const sources = 'hashicorp__packer/command__test-fixtures__hcl__recipes__sources.pkr.hcl';
  const { diags, builds } = decodeTemplate({ [build]: corpusText(build), [sources]: corpusText(sources) });
  assert.deepEqual(diags, []);
  assert.deepEqual(builds.map(outline), [
    {
      name: undefined,
      sources: ['null.base>tiramisu'],
      provisioners: ['shell-local.whipped_york', 'shell-local.mascarpone'],
      cleanup: undefined,
      postProcessors: [['shell-local.whipped_egg_white'], ['shell-local.dress_with_coffeed_boudoirs']],
    },
    {
      name: 'recipes',
      sources: ['null.base>spaghetti_carbonara', 'null.base>lasagna'],
      provisioners: [
        'shell-local.add_spaghetti',
        'shell-local.add_lasagna',
        'shell-local.add_tomato',
        'shell-local.add_mozza',
      ],
      cleanup: undefined,
      postProcessors: [['shell-local.carbonara_it'], ['shell-local.cook']],
    },
  ]);
  assert.deepEqual(builds[1]!.provisioners[0]!.only, ['null.spaghetti_carbonara']);
  assert.deepEqual(builds[1]!.provisioners[2]!.except, ['null.spaghetti_carbonara']);
});

test('provisioners of different types keep their block order (shell, file, shell)', () => {
  const { builds, diags } = decodeTemplate({
    't.pkr.hcl': `source "null" "a" {}
build {
  sources = ["source.null.a"]
  provisioner "shell" { inline = ["one"] }
  post-processor "manifest" {}
  provisioner "file" {
    source = "x"
    destination = "/tmp/x"
  }
  provisioner "shell" { inline = ["two"] }
}
`,
  });
  assert.deepEqual(diags, []);
  assert.deepEqual(outline(builds[0]!).provisioners, ['shell', 'file', 'shell']);
  // Meta-arguments are split off; the plugin's own arguments stay in the body.
  const file = builds[0]!.provisioners[1]!;
  const attrs = file.body.justAttributes().attributes;
  assert.deepEqual([...attrs.keys()].sort(), ['destination', 'source']);
});

test('references in sources: each problem points at its list element', () => {
  const text = `source "null" "base" {}
build {
  sources = ["source.null.base", "source.null.bsae", "null.nope", "bogus", "source.a.b.c"]
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text });
  assert.deepEqual(summaries(diags), [
    'Unknown source null.bsae',
    'Unknown source null.nope',
    'Invalid source reference',
    'Invalid source reference',
  ]);
  assert.equal(diags[0]!.detail, 'Did you mean to use "null.base"?');
  assert.equal(diags[1]!.detail, 'Known: [null.base]');
  const columns = diags.map((d) => [d.subject?.start.line, d.subject?.start.column]);
  assert.deepEqual(columns, [
    [3, 34],
    [3, 54],
    [3, 67],
    [3, 76],
  ]);
  assert.deepEqual(outline(builds[0]!).sources, ['null.base>base']);
});

test('a build-level source block: "source." and "sources." prefixes, unknown ones at the label', () => {
  const text = `source "file" "base" {}
build {
  source "sources.file.base" { name = "one" }
  source "file.base" {}
  source "source.file.nope" {}
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text });
  assert.deepEqual(summaries(diags), ['Unknown source file.nope']);
  assert.deepEqual([diags[0]!.subject?.start.line, diags[0]!.subject?.start.column], [5, 10]);
  assert.deepEqual(outline(builds[0]!).sources, ['file.base>one', 'file.base>base']);
  assert.ok(builds[0]!.sources[0]!.fill, 'the rest of the block is the fill body');
});

test('a build without any source is an error at the build block (unless a misspelling explains it)', () => {
  const { diags } = decodeTemplate({ 't.pkr.hcl': 'build {\n  name = "x"\n}\n' });
  assert.deepEqual(summaries(diags), ['missing source reference']);
  assert.equal(diags[0]!.detail, 'a build block must reference at least one source to be built');
  assert.deepEqual(diags[0]!.subject?.start.line, 1);
  const typo = decodeTemplate({ 't.pkr.hcl': 'build {\n  sourcse = ["source.null.n"]\n}\n' });
  assert.deepEqual(summaries(typo.diags), ['Unsupported argument']);
});

test('provisioner meta-arguments: durations, retries, only/except, with diagnostics at the value', () => {
  const text = `source "null" "a" {}
build {
  sources = ["source.null.a"]
  provisioner "shell" {
    name = "ok"
    pause_before = "1h30m"
    timeout = "2.5s"
    max_retries = 3
    only = ["null.a"]
  }
  provisioner "shell" {
    pause_before = "5x"
  }
  provisioner "shell" {
    timeout = "10"
  }
  provisioner "shell" {
    only = ["null.a"]
    except = ["null.b"]
  }
  provisioner "shell" {
    max_retries = "many"
  }
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text });
  const p = builds[0]!.provisioners;
  assert.equal(p.length, 1, 'invalid provisioners are dropped');
  assert.deepEqual(
    [p[0]!.name, p[0]!.pauseBefore, p[0]!.timeout, p[0]!.maxRetries, p[0]!.only],
    ['ok', 5_400_000, 2_500, 3, ['null.a']],
  );
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, d.subject?.start.line, d.subject?.start.column]),
    [
      ['Failed to parse pause_before duration', 'time: unknown unit "x" in duration "5x"', 12, 20],
      ['Failed to parse timeout duration', 'time: missing unit in duration "10"', 15, 15],
      ["only one of 'only' or 'except' may be specified", undefined, 19, 5],
      // As gohcl: at the start of the value (inside the quotes).
      ['Unsuitable value type', 'Unsuitable value: a number is required', 22, 20],
    ],
  );
});

test('post-processor meta-arguments: keep_input_artifact must be a bool; name from a variable', () => {
  const text = `source "null" "a" {}
build {
  sources = ["source.null.a"]
  post-processor "manifest" {
    name = var.foo
    keep_input_artifact = true
    output = "m.json"
  }
  post-processor "manifest" {
    keep_input_artifact = "maybe"
  }
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text }, { foo: stringVal('bar') });
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, d.subject?.start.line]),
    [['Unsuitable value type', 'Unsuitable value: a bool is required', 10]],
  );
  const pp = builds[0]!.postProcessorChains[0]![0]!;
  assert.deepEqual([pp.name, pp.keepInputArtifact], ['bar', true]);
  assert.deepEqual([...pp.body.justAttributes().attributes.keys()], ['output']);
  assert.equal(builds[0]!.postProcessorChains.length, 1);
});

test('override: per-source attributes keep their expressions; non-object values are errors', () => {
  const text = `source "null" "a" {}
build {
  sources = ["source.null.a"]
  provisioner "shell" {
    inline = ["base"]
    override = {
      a = { inline = ["for a"] }
      "b" = { inline = ["for b"], env = { X = "1" } }
    }
  }
  provisioner "shell" {
    override = { c = "nope" }
  }
  provisioner "shell" {
    override = "nope"
  }
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text });
  assert.deepEqual(
    diags.map((d) => [d.summary, d.subject?.start.line]),
    [
      ["provisioner's override.'c' block must be an HCL object", 12],
      ["provisioner's override block must be an HCL object", 15],
    ],
  );
  const o = builds[0]!.provisioners[0]!.overrideAttributes!;
  assert.deepEqual([...o.keys()], ['a', 'b']);
  assert.deepEqual([...o.get('b')!.keys()], ['env', 'inline']);
  assert.equal(o.get('a')!.get('inline')!.expr.range.start.line, 7);
});

test('hcl__dynamic__build: dynamic "source" and "provisioner" blocks with labels', () => {
  const f = 'hashicorp__packer/command__test-fixtures__hcl__dynamic__build.pkr.hcl';
  const { diags, builds } = decodeTemplate(
    { [f]: corpusText(f) },
    { images: imagesValue() },
    {
      files: filesValue(),
    },
  );
  assert.deepEqual(diags, []);
  assert.deepEqual(outline(builds[0]!).sources, ['file.base>dummy', 'file.base>postgres']);
  assert.deepEqual(outline(builds[0]!).provisioners, ['shell-local', 'shell-local']);
});

test('unknown values (e.g. a variable without a value yet) leave meta-arguments unset, without errors', () => {
  const text = `source "null" "a" {}
build {
  name = var.unset
  sources = ["source.null.a"]
  provisioner "shell" {
    only = var.unset
  }
}
`;
  const { diags, builds } = decodeTemplate({ 't.pkr.hcl': text }, { unset: DynamicVal });
  assert.deepEqual(diags, []);
  assert.equal(builds[0]!.name, undefined);
  assert.deepEqual(builds[0]!.provisioners[0]!.only, []);
});

test('complete/build.pkr.hcl: every block of the build is read, in order, dynamic blocks included', () => {
  const f = 'hashicorp__packer/hcl2template__testdata__complete__build.pkr.hcl';
  const s = 'hashicorp__packer/hcl2template__testdata__complete__sources.pkr.hcl';
  const { diags, builds } = decodeTemplate(
    { [f]: corpusText(f), [s]: corpusText(s) },
    { foo: stringVal('value') },
    { standard_tags: standardTags() },
  );
  // Only our root schema's source/build blocks are read here; the packer block is the loader's.
  assert.deepEqual(diags, []);
  assert.deepEqual(outline(builds[0]!), {
    name: undefined,
    sources: ['virtualbox-iso.ubuntu-1204>ubuntu-1204', 'amazon-ebs.ubuntu-1604>ubuntu-1604'],
    provisioners: ['shell.provisioner that does something', 'file'],
    cleanup: 'shell.error-cleanup-provisioner that does something',
    postProcessors: [
      ['amazon-import.something'],
      ['amazon-import'],
      ['amazon-import.first-nested-post-processor', 'amazon-import.second-nested-post-processor'],
      ['amazon-import.third-nested-post-processor', 'amazon-import.fourth-nested-post-processor'],
    ],
  });
});

function imagesValue() {
  return objectVal({
    dummy: objectVal({ image: stringVal('dummy'), layers: tupleVal([stringVal('base/main')]) }),
    postgres: objectVal({
      image: stringVal('postgres/13'),
      layers: tupleVal([stringVal('base/main'), stringVal('base/init'), stringVal('postgres')]),
    }),
  });
}

function filesValue() {
  return objectVal({
    foo: objectVal({ destination: stringVal('fooo') }),
    bar: objectVal({ destination: stringVal('baar') }),
  });
}

function standardTags() {
  return objectVal({ Component: stringVal('user-service'), Environment: stringVal('production') });
}

test('only/except entries written with a "source." prefix never match: a warning at the entry', () => {
  const f = 'hashicorp__packer/command__test-fixtures__build-only__template.pkr.json';
  const { diags, builds } = decodeTemplate({ [f]: corpusText(f) });
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary, d.detail]),
    [
      [
        'warning',
        'The only entry "sources.file.chocolate" matches no source',
        'only lists the sources it applies to by TYPE.NAME, without the "source." prefix: "file.chocolate". As written, this entry matches nothing.',
      ],
    ],
  );
  assert.equal(diags[0]!.subject?.start.line, 74);
  // The JSON syntax: a repeated "file" key is three source blocks; arrays of objects are blocks in order.
  assert.deepEqual(
    builds[0]!.sources.map((s) => s.name),
    ['chocolate', 'vanilla', 'cherry'],
  );
  assert.deepEqual(
    builds[0]!.postProcessorChains.map((c) => c[0]!.name ?? c[0]!.type),
    ['peach', 'pear', 'banana', 'tomato', 'shell-local'],
  );
});

test('only/except entries naming no source in use: a warning with a suggestion (Packer stays silent)', () => {
  const text = `source "null" "a" {}
source "null" "b" {}
build {
  sources = ["source.null.a"]
  source "null.b" { name = "renamed" }
  provisioner "shell" {
    only = ["null.a", "null.renamd"]
  }
  post-processor "manifest" {
    except = ["null.b"]
  }
}
`;
  const { diags } = decodeTemplate({ 't.pkr.hcl': text });
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary, d.subject?.start.line, d.subject?.start.column]),
    [
      ['warning', 'The only entry "null.renamd" matches no source', 7, 23],
      ['warning', 'The except entry "null.b" matches no source', 10, 15],
    ],
  );
  assert.match(diags[0]!.detail!, /Did you mean "null\.renamed"\?$/);
  // Packer's own hcl2_upgrade output keeps legacy builder names, which never match in HCL mode.
  const f = 'hashicorp__packer/command__test-fixtures__hcl2_upgrade__complete__expected.pkr.hcl';
  const upgraded = decodeTemplate({ [f]: corpusText(f) }, { aws_region: stringVal('us-east-1') });
  assert.ok(upgraded.diags.some((d) => d.summary === 'The only entry "amazon-ebs" matches no source'));
});
