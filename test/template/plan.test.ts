import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinRegistry } from '../../src/core/registry.js';
import { objectVal, stringVal, True, tupleVal } from '../../src/hcl/values.js';
import { defineBuilder } from '../../src/sdk/plugin.js';
import { loadTemplate } from '../../src/template/load.js';
import { type PlannedBuild, planBuilds } from '../../src/template/plan.js';
import { corpusText, makeTemplate, summaries } from './build-helpers.js';

const recipes = {
  build: 'hashicorp__packer/command__test-fixtures__hcl__recipes__build.pkr.hcl',
  sources: 'hashicorp__packer/command__test-fixtures__hcl__recipes__sources.pkr.hcl',
};

function recipesTemplate() {
  const { template, diags } = makeTemplate({
    [recipes.build]: corpusText(recipes.build),
    [recipes.sources]: corpusText(recipes.sources),
  });
  assert.deepEqual(diags, []);
  return template;
}

/** Each planned build as NAME: provisioners | chains, by block name (else type). */
function outline(builds: readonly PlannedBuild[]): string[] {
  const label = (p: { type: string; name?: string }) => p.name ?? p.type;
  return builds.map(
    (b) =>
      `${b.name}: ${b.provisioners.map(label).join(',')} | ${b.postProcessors.map((c) => c.map(label).join('>')).join(' ; ')}`,
  );
}

test('recipes: one planned build per source use, named BUILD.TYPE.NAME, with the steps Packer runs', () => {
  const { builds, diags } = planBuilds(recipesTemplate(), { registry: builtinRegistry() });
  assert.deepEqual(diags, []);
  // Packer's build test expects the files these steps write: NULL.tiramisu.txt = whip_york,
  // mascarpone, whipped_egg_white, dress; NULL.spaghetti_carbonara.txt = spaghetti, carbonara;
  // NULL.lasagna.txt = lasagna, tomato, mozza, cooking...
  assert.deepEqual(outline(builds), [
    'null.tiramisu: whipped_york,mascarpone | whipped_egg_white ; dress_with_coffeed_boudoirs',
    'recipes.null.spaghetti_carbonara: add_spaghetti | carbonara_it',
    'recipes.null.lasagna: add_lasagna,add_tomato,add_mozza | cook',
  ]);
  assert.equal(builds[0]!.builder.config.communicator, 'none');
});

test("each build's context: source.name is the local name, build.name known, build.ID unknown", () => {
  const { builds } = planBuilds(recipesTemplate(), { registry: builtinRegistry() });
  const lasagna = builds[2]!;
  // `inline = ["echo lasagna > ${upper(build.ID)}.${source.name}.txt"]` is known only at build time.
  assert.ok(lasagna.provisioners[0]!.unknown.has('inline'));
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "base" {
  communicator = "none"
}
build {
  name = "b"
  source "null.base" { name = "renamed" }
  provisioner "shell-local" {
    inline = ["\${source.type} \${source.name} \${build.name}"]
  }
}
`,
  });
  const planned = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(planned.diags, []);
  assert.equal(planned.builds[0]!.name, 'b.null.renamed');
  assert.deepEqual(planned.builds[0]!.provisioners[0]!.config.inline, ['null renamed b']);
});

test('-only and -except select builds by glob; -except also cuts post-processor chains', () => {
  const template = recipesTemplate();
  const plan = (only: string[], except: string[]) =>
    outline(planBuilds(template, { registry: builtinRegistry(), only, except }).builds);
  assert.deepEqual(plan(['recipes.*'], []), [
    'recipes.null.spaghetti_carbonara: add_spaghetti | carbonara_it',
    'recipes.null.lasagna: add_lasagna,add_tomato,add_mozza | cook',
  ]);
  assert.deepEqual(plan([], ['*.lasagna', 'whipped_egg_white', 'carbonara_it']), [
    'null.tiramisu: whipped_york,mascarpone | dress_with_coffeed_boudoirs',
    'recipes.null.spaghetti_carbonara: add_spaghetti | ',
  ]);
  const bad = planBuilds(template, { registry: builtinRegistry(), only: ['['] });
  assert.deepEqual(summaries(bad.diags), ['Invalid -only pattern [: unexpected end of input']);
  assert.deepEqual(bad.builds, []);
});

test('-except on a post-processor skips it and every later one of its chain', () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "a" {
  communicator = "none"
}
build {
  sources = ["source.null.a"]
  post-processors {
    post-processor "shell-local" {
      name = "first"
      inline = ["1"]
    }
    post-processor "checksum" {}
    post-processor "manifest" {}
  }
  post-processor "manifest" {
    name = "alone"
  }
}
`,
  });
  const plan = (except: string[]) =>
    outline(planBuilds(template, { registry: builtinRegistry(), except }).builds);
  assert.deepEqual(plan([]), ['null.a:  | first>checksum>manifest ; alone']);
  assert.deepEqual(plan(['checksum']), ['null.a:  | first ; alone']);
  assert.deepEqual(plan(['first']), ['null.a:  | alone']);
  assert.deepEqual(plan(['manifest']), ['null.a:  | first>checksum ; alone']);
});

test('var-in-pp-name: only/except and name from variables and locals select post-processors per source', () => {
  const f = 'hashicorp__packer/command__test-fixtures__hcl__var-in-pp-name.pkr.hcl';
  const { template, diags } = makeTemplate(
    { [f]: corpusText(f) },
    { only_example2: stringVal('null.example2'), foo: stringVal('bar') },
    { except_example2: stringVal('null.example2'), true: True },
  );
  assert.deepEqual(diags, []);
  const { builds, diags: planDiags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(planDiags, []);
  // Packer's build test: example1.1.txt and example2.2.txt only.
  assert.deepEqual(outline(builds), ['null.example1:  | shell-local', 'null.example2:  | bar']);
  assert.equal(builds[0]!.postProcessors[0]![0]!.keepInputArtifact, true);
  assert.deepEqual(builds[1]!.postProcessors[0]![0]!.config.inline, ['echo 2 > example2.2.txt']);
});

test('a build-level fill may set what the source left unset, but redefining is "Duplicate argument"', () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "base" {
  communicator = "none"
}
build {
  source "source.null.base" {
    name = "filled"
    ssh_timeout = "10m"
  }
  source "source.null.base" {
    name = "clash"
    communicator = "ssh"
  }
}
`,
  });
  const { builds, diags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(
    builds.map((b) => b.name),
    ['null.filled'],
  );
  assert.equal(builds[0]!.builder.config.ssh_timeout, '10m');
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, d.subject?.start.line, d.subject?.start.column]),
    [['Duplicate argument', 'Argument "communicator" was already set at t.pkr.hcl:2,3-15', 11, 5]],
  );
});

test('unknown plugin types: at the type label, once however many builds use the block', () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "virtualbox-iso" "vm" {}
source "null" "a" {
  communicator = "none"
}
source "null" "b" {
  communicator = "none"
}
build {
  sources = ["source.virtualbox-iso.vm", "source.null.a", "source.null.b"]
  provisioner "shel" {}
  post-processor "vagrant" {}
}
`,
  });
  const registry = builtinRegistry();
  const { builds, diags } = planBuilds(template, { registry });
  assert.deepEqual(builds, []);
  assert.deepEqual(
    diags.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column]),
    [
      ['Unknown builder type "virtualbox-iso"', 1, 8],
      ['Unknown provisioner type "shel"', 10, 15],
      ['Unknown post-processor type "vagrant"', 11, 18],
    ],
  );
  assert.equal(
    diags[0]!.detail,
    `imgbuild does not implement the builder "virtualbox-iso". Known builders: ${registry.types('builder').join(', ')}.`,
  );
  assert.match(diags[1]!.detail!, /Did you mean "shell"\?/);
  // -only leaves unimplemented builders out of the way.
  const onlyNull = planBuilds(template, { registry, only: ['null.*'] });
  assert.deepEqual(summaries(onlyNull.diags), [
    'Unknown provisioner type "shel"',
    'Unknown post-processor type "vagrant"',
  ]);
});

test("provisioner override: the source's own values replace the block's, evaluated in its build", () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "example1" {
  communicator = "none"
}
source "null" "example2" {
  communicator = "none"
}
build {
  sources = ["source.null.example2"]
  source "source.null.example1" {
    name = "renamed"
  }
  provisioner "shell-local" {
    inline = ["echo not overridden"]
    override = {
      renamed = {
        inline = ["echo overrides for \${source.name}"]
      }
      example2 = {
        inlin = ["typo"]
      }
    }
  }
}
`,
  });
  const { builds, diags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, d.subject?.start.line]),
    [['Unsupported argument', 'An argument named "inlin" is not expected here. Did you mean "inline"?', 19]],
  );
  assert.deepEqual(
    builds.map((b) => b.name),
    ['null.renamed'],
  );
  assert.deepEqual(builds[0]!.provisioners[0]!.config.inline, ['echo overrides for renamed']);
});

test('hcl__dynamic__build: dynamic sources and provisioners become planned builds with their own values', () => {
  const f = 'hashicorp__packer/command__test-fixtures__hcl__dynamic__build.pkr.hcl';
  const images = objectVal({
    dummy: objectVal({ image: stringVal('dummy'), layers: tupleVal([stringVal('base/main')]) }),
    postgres: objectVal({
      image: stringVal('postgres/13'),
      layers: tupleVal([stringVal('base/main'), stringVal('base/init'), stringVal('postgres')]),
    }),
  });
  const files = objectVal({
    foo: objectVal({ destination: stringVal('fooo') }),
    bar: objectVal({ destination: stringVal('baar') }),
  });
  const { template, diags } = makeTemplate({ [f]: corpusText(f) }, { images }, { files });
  assert.deepEqual(diags, []);
  // Packer's `file` builder is not built in; a stand-in with its two arguments.
  const fileBuilder = defineBuilder<Record<string, unknown>>({
    type: 'file',
    schema: {
      type: 'object',
      properties: { content: { type: 'string' }, target: { type: 'string' }, source: { type: 'string' } },
      required: ['target'],
    },
  });
  const registry = builtinRegistry().register(fileBuilder);
  const planned = planBuilds(template, { registry });
  assert.deepEqual(planned.diags, []);
  assert.deepEqual(
    planned.builds.map((b) => [b.name, b.builder.config]),
    [
      ['file.dummy', { target: 'dummy.txt', content: 'layers/base/main/files' }],
      [
        'file.postgres',
        {
          target: 'postgres/13.txt',
          content: 'layers/base/main/files\nlayers/base/init/files\nlayers/postgres/files',
        },
      ],
    ],
  );
  // for_each over an object runs in key order: bar, then foo.
  assert.deepEqual(
    planned.builds[1]!.provisioners.map((p) => p.config.inline),
    [["echo '' > postgres/13-baar.txt"], ["echo '' > postgres/13-fooo.txt"]],
  );
});

test("build.* offers Packer's common build data, plus what the builder generates (amazon-ebs: SourceAMI…)", () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "a" {
  communicator = "none"
}
build {
  sources = ["source.null.a"]
  provisioner "shell-local" {
    inline = ["\${build.Host} \${build.PackerHTTPAddr} \${build.SSHPublicKey}"]
  }
  provisioner "shell-local" {
    inline = ["\${build.SourceAMIName}"]
  }
}
`,
  });
  const { builds, diags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, d.subject?.start.line]),
    [['Unsupported attribute', 'This object does not have an attribute named "SourceAMIName".', 10]],
  );
  assert.deepEqual(builds, []);
  const ebs = makeTemplate({
    't.pkr.hcl': `source "amazon-ebs" "a" {
  region = "us-east-1"
  source_ami = "ami-12345678"
  instance_type = "t3.micro"
  ssh_username = "ubuntu"
  ami_name = "image-name"
}
build {
  sources = ["source.amazon-ebs.a"]
  provisioner "shell-local" {
    inline = ["\${build.SourceAMIName} \${build.BuildRegion}"]
  }
}
`,
  }).template;
  const planned = planBuilds(ebs, { registry: builtinRegistry() });
  assert.deepEqual(planned.diags, []);
  assert.ok(planned.builds[0]!.provisioners[0]!.unknown.has('inline'));
});

test('patterns that matched nothing: Packer\'s "Unused --only/--except filters specified" warnings', () => {
  const template = recipesTemplate();
  const { builds, diags } = planBuilds(template, {
    registry: builtinRegistry(),
    only: ['recipes.*', 'chocolate', '*.lasagna'],
    except: ['*.lasagna', 'cook', 'nothing'],
  });
  assert.deepEqual(
    builds.map((b) => b.name),
    ['recipes.null.spaghetti_carbonara'],
  );
  // `*.lasagna` in -only is never the first pattern to match, so it counts as unused too.
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary, d.detail]),
    [
      [
        'warning',
        'Unused --only filters specified',
        "Some --only options were specified in the command-line, but weren't used to get builds from the template: [*.lasagna chocolate]\nList of available builds: [recipes.null.spaghetti_carbonara]",
      ],
      [
        'warning',
        'Unused --except filters specified',
        "Some --except options were specified in the command-line, but weren't used to filter out builds or post-processors from the template: [cook nothing]\nList of available builds: [recipes.null.spaghetti_carbonara]",
      ],
    ],
  );
});

test('a template without any build block: "Missing build block", as Packer\'s validate and build', () => {
  const { template } = makeTemplate({ 't.pkr.hcl': 'source "null" "a" {\n  communicator = "none"\n}\n' });
  const { builds, diags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(builds, []);
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary, d.detail, d.subject]),
    [
      [
        'error',
        'Missing build block',
        'A build block with one or more sources is required for executing a build.',
        undefined,
      ],
    ],
  );
});

test('two builds of the same name are planned (as Packer) with a warning at the second use', () => {
  const { template } = makeTemplate({
    't.pkr.hcl': `source "null" "base" {
  communicator = "none"
}
build {
  sources = ["source.null.base", "source.null.base"]
  source "null.base" { name = "other" }
}
`,
  });
  const { builds, diags } = planBuilds(template, { registry: builtinRegistry() });
  assert.deepEqual(
    builds.map((b) => b.name),
    ['null.base', 'null.base', 'null.other'],
  );
  assert.deepEqual(
    diags.map((d) => [d.severity, d.summary, d.subject?.start.line, d.subject?.start.column]),
    [['warning', 'Duplicate build name', 5, 34]],
  );
  assert.match(diags[0]!.detail!, /already defined at t\.pkr\.hcl:5,14-32/);
});

test('legacy JSON templates: builds named by their builders, overrides and only by builder name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-plan-'));
  try {
    const path = join(dir, 't.json');
    writeFileSync(
      path,
      JSON.stringify({
        builders: [
          { type: 'null', name: 'example1', communicator: 'none' },
          { type: 'null', name: 'example2', communicator: 'none' },
          { type: 'null', communicator: 'none' },
        ],
        provisioners: [
          {
            type: 'shell-local',
            inline: ['echo not overridden'],
            override: { example1: { inline: ['echo yes overridden'] } },
          },
          { type: 'shell-local', inline: ['echo only2'], only: ['example2'] },
        ],
        'post-processors': [[{ type: 'manifest' }, { type: 'checksum', name: 'sum' }]],
      }),
    );
    const loaded = await loadTemplate(path, { command: 'validate', cwd: dir, env: {} });
    assert.deepEqual(loaded.diags, []);
    const plan = (only: string[], except: string[]) => {
      const { builds, diags } = planBuilds(loaded.value, { registry: builtinRegistry(), only, except });
      assert.deepEqual(diags, []);
      return builds.map((b) => [
        b.name,
        b.provisioners.map((p) => p.config.inline),
        outline([b])[0]!.split(' | ')[1],
      ]);
    };
    assert.deepEqual(plan([], []), [
      ['example1', [['echo yes overridden']], 'manifest>sum'],
      ['example2', [['echo not overridden'], ['echo only2']], 'manifest>sum'],
      ['null', [['echo not overridden']], 'manifest>sum'],
    ]);
    assert.deepEqual(
      plan(['example*'], ['sum']).map((b) => [b[0], b[2]]),
      [
        ['example1', 'manifest'],
        ['example2', 'manifest'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
