/**
 * The corpus verdicts: every file of the shared template corpus (INDEX.md) gets the verdict INDEX
 * records. Multi-file sets are loaded together as directories (throwaway copies) with their var files.
 * A valid unit passes `validate -syntax-only`, and full `validate` either passes or fails only by naming
 * plugin types imgbuild does not implement. An invalid unit fails with the listed summary at the right
 * line. Where INDEX records Packer's expected values, the console shows the same. The counts are printed.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { builtinRegistry } from '../../src/core/registry.js';
import { parseTemplate } from '../../src/hcl/native/parser.js';
import { templatesDir } from '../hcl/corpus-files.js';
import { type CliResult, runCli } from './run-cli.js';

type Verdict =
  | { readonly kind: 'valid' }
  | {
      readonly kind: 'invalid';
      readonly summary: string;
      readonly file: string;
      readonly line: number;
      /** A sentence the detail must contain. */
      readonly detail?: string;
    }
  | { readonly kind: 'legacy-json' }
  | { readonly kind: 'templatefile-input' };

interface Unit {
  readonly name: string;
  /** Corpus files (INDEX names) copied into the unit's directory under their flat names. */
  readonly files: readonly string[];
  /** Corpus files copied into the unit directory under another name. */
  readonly copyAs?: Readonly<Record<string, string>>;
  /** Corpus files copied beside the directory and passed as -var-file, in order. */
  readonly varFiles?: readonly string[];
  readonly vars?: readonly string[];
  /**
   * Variables upstream sets from generated var files (not in the corpus): written to a throwaway JSON var
   * file with placeholder values and passed with -var-file.
   */
  readonly requiredVars?: readonly string[];
  /** The environment (PKR_VAR_*, env() defaults), as the upstream project's CI sets it. */
  readonly env?: Readonly<Record<string, string>>;
  /** What to validate: the one file, or the directory. */
  readonly target: 'file' | 'dir';
  readonly verdict: Verdict;
  /** Set when upstream files were not copied into the corpus, so only the syntax can be checked. */
  readonly syntaxOnlyBecause?: string;
  /** A known gap owned by another part: the unit runs as a todo with this reason. */
  readonly todo?: string;
  /** Console expressions and what Packer shows for them (from INDEX's expected outputs). */
  readonly console?: readonly (readonly [string, string])[];
}

const valid: Verdict = { kind: 'valid' };
const P = 'hashicorp__packer/';
const tfx = `${P}command__test-fixtures__`;
const td = `${P}hcl2template__testdata__`;
const invalid = (file: string, summary: string, line: number, detail?: string): Verdict => ({
  kind: 'invalid',
  summary,
  file,
  line,
  detail,
});

const single = (file: string, verdict: Verdict = valid, extra: Partial<Unit> = {}): Unit => ({
  name: file,
  files: [file],
  target: 'file',
  verdict,
  ...extra,
});

const imageBuilderVars = [
  'containerd_image_pull_progress_timeout',
  'containerd_version',
  'crictl_version',
  'kubernetes_cni_deb_version',
  'kubernetes_cni_http_source',
  'kubernetes_cni_rpm_version',
  'kubernetes_cni_semver',
  'kubernetes_cni_source_type',
  'kubernetes_container_registry',
  'kubernetes_deb_gpg_key',
  'kubernetes_deb_repo',
  'kubernetes_deb_version',
  'kubernetes_http_source',
  'kubernetes_load_additional_imgs',
  'kubernetes_rpm_gpg_check',
  'kubernetes_rpm_gpg_key',
  'kubernetes_rpm_repo',
  'kubernetes_rpm_version',
  'kubernetes_semver',
  'kubernetes_series',
  'kubernetes_source_type',
  'runc_version',
];

/** What image-builder's OS var files for AMIs (packer/ami/<os>.json) set. */
const imageBuilderAmiOsVars = [
  'ami_filter_name',
  'ami_filter_owners',
  'distribution',
  'distribution_release',
  'distribution_version',
  'root_device_name',
  'source_ami',
  'ssh_username',
];

const units: Unit[] = [
  // hashicorp/packer test data and examples.
  {
    name: 'packer testdata complete/ (4 files)',
    files: ['build', 'variables', 'sources', 'datasource'].map((n) => `${td}complete__${n}.pkr.hcl`),
    target: 'dir',
    verdict: valid,
    syntaxOnlyBecause:
      "Packer's test decodes it with mock plugins: nested_slice, not_squashed and the like are not options of the real amazon-ebs",
  },
  single(`${td}build__post-processor_onlyexcept.pkr.hcl`, valid, {
    syntaxOnlyBecause:
      "Packer's test decodes it with mock plugins: its amazon-ebs source is empty (no ami_name, region…)",
  }),
  single(`${td}build__variables.pkr.hcl`),
  single(
    `${td}build__invalid_build_name_variable.pkr.hcl`,
    invalid(`${td}build__invalid_build_name_variable.pkr.hcl`, 'Invalid type specification', 2),
  ),
  single(
    `${td}build__provisioner_untyped.pkr.hcl`,
    invalid(`${td}build__provisioner_untyped.pkr.hcl`, 'Unsupported block type', 3),
  ),
  single(
    `${td}build__two-error-cleanup-provisioner.pkr.hcl`,
    invalid(
      `${td}build__two-error-cleanup-provisioner.pkr.hcl`,
      'Only one error-cleanup-provisioner is allowed',
      13,
    ),
  ),
  single(`${td}variables__basic.pkr.hcl`),
  single(`${td}variables__optional_attributes.pkr.hcl`, valid, {
    console: [
      ['var.context', '{\n  "required" = "set"\n  "with_default" = "default_value"\n}'],
      ['var.context.without_default == null', 'true'],
      ['var.context.without_default', 'null'],
    ],
  }),
  single(
    `${td}variables__duplicate_variable.pkr.hcl`,
    invalid(`${td}variables__duplicate_variable.pkr.hcl`, 'Duplicate variable', 6),
  ),
  single(
    `${td}variables__invalid_default.pkr.hcl`,
    invalid(`${td}variables__invalid_default.pkr.hcl`, 'Invalid default value for variable', 5),
  ),
  single(
    `${td}variables__unknown_key.pkr.hcl`,
    invalid(`${td}variables__unknown_key.pkr.hcl`, 'Unsupported argument', 3),
  ),
  single(
    `${td}variables__recursive_locals.pkr.hcl`,
    invalid(`${td}variables__recursive_locals.pkr.hcl`, 'Dependency cycle', 2),
  ),
  single(`${td}variables__validation__valid_map__definition.pkr.hcl`),
  {
    name: 'valid_map definition + invalid_value.auto.pkrvars.hcl',
    files: [
      `${td}variables__validation__valid_map__definition.pkr.hcl`,
      `${td}variables__validation__valid_map__invalid_value.auto.pkrvars.hcl`,
    ],
    target: 'dir',
    verdict: invalid(
      `${td}variables__validation__valid_map__invalid_value.auto.pkrvars.hcl`,
      'Invalid value for varfile variable',
      2,
      'The image_metadata.something.foo field must start with "bar".',
    ),
  },
  single(
    `${td}sources__untyped.pkr.hcl`,
    invalid(`${td}sources__untyped.pkr.hcl`, 'Missing type for source', 2),
  ),
  single(
    `${td}sources__unnamed.pkr.hcl`,
    invalid(`${td}sources__unnamed.pkr.hcl`, 'Missing name for source', 2),
  ),
  single(
    `${td}sources__duplicate.pkr.hcl`,
    invalid(`${td}sources__duplicate.pkr.hcl`, 'Duplicate source block', 3),
  ),
  single(
    `${td}datasources__dependency_cycle.pkr.hcl`,
    invalid(`${td}datasources__dependency_cycle.pkr.hcl`, 'Dependency cycle', 2),
  ),
  single(
    `${td}unknown__block_type.pkr.hcl`,
    invalid(`${td}unknown__block_type.pkr.hcl`, 'Unsupported block type', 2),
  ),
  single(
    `${td}init__duplicate_required_plugins__packer.pkr.hcl`,
    invalid(`${td}init__duplicate_required_plugins__packer.pkr.hcl`, 'Attribute redefined', 8),
  ),
  single(
    `${td}init__invalid_short_source.pkr.hcl`,
    invalid(`${td}init__invalid_short_source.pkr.hcl`, 'Invalid plugin requirement', 3),
  ),
  single(`${td}hcp_par__top-level-variables-for-labels.pkr.hcl`),
  single(
    `${tfx}fmt_errs__malformed.pkr.hcl`,
    invalid(`${tfx}fmt_errs__malformed.pkr.hcl`, 'Argument or block definition required', 5),
  ),
  single(`${tfx}hcl__dynamic__build.pkr.hcl`),
  {
    name: 'recipes/ (build + sources)',
    files: [`${tfx}hcl__recipes__build.pkr.hcl`, `${tfx}hcl__recipes__sources.pkr.hcl`],
    target: 'dir',
    verdict: valid,
  },
  single(`${tfx}hcl__var-in-pp-name.pkr.hcl`),
  single(`${tfx}hcl__recursive_local_with_input__locals.pkr.hcl`, valid, {
    // The file builder writes "hello" to "${local.dynamic_slice.amgroup}.txt": hey.txt.
    console: [['"${local.dynamic_slice.amgroup}.txt"', 'hey.txt']],
  }),
  {
    name: 'empty_object/ (var + setting.auto.pkrvars.hcl)',
    files: [`${tfx}hcl__empty_object__var.pkr.hcl`],
    copyAs: { [`${tfx}hcl__empty_object__setting.auto.pkrvars.hcl`]: 'setting.auto.pkrvars.hcl' },
    target: 'dir',
    verdict: valid,
    // The build writes var.foo[0] to "${var.bar.baz}.txt": foo.txt containing "yo".
    console: [
      ['var.foo[0]', 'yo'],
      ['"${var.bar.baz}.txt"', 'foo.txt'],
    ],
  },
  single(
    `${tfx}hcl2_upgrade__complete__input.json`,
    { kind: 'legacy-json' },
    { vars: ['aws_region=us-east-1'] },
  ),
  single(`${tfx}hcl2_upgrade__complete__expected.pkr.hcl`, valid, { vars: ['aws_region=us-east-1'] }),
  single(`${tfx}hcl2_upgrade__escaping__input.json`, { kind: 'legacy-json' }),
  single(`${tfx}hcl2_upgrade__escaping__expected.pkr.hcl`),
  single(`${tfx}build-only__template.pkr.json`),
  {
    name: 'examples/hcl/linux (3 of 13 files)',
    files: ['build.ubuntu', 'variables.common', 'source.qemu'].map(
      (n) => `${P}examples__hcl__linux__${n}.pkr.hcl`,
    ),
    target: 'dir',
    verdict: valid,
    syntaxOnlyBecause: 'the source.* and variables.* files it needs were not copied from upstream',
  },
  // chef/bento: the 4 templates with each os_pkrvars file.
  ...['ubuntu__ubuntu-24.04-x86_64', 'freebsd__freebsd-14-x86_64', 'macos__macos-15-aarch64'].map(
    (os): Unit => ({
      name: `chef/bento packer_templates with ${os}.pkrvars.hcl`,
      files: ['builder', 'plugins', 'sources', 'variables'].map(
        (n) => `chef__bento/packer_templates__pkr-${n}.pkr.hcl`,
      ),
      varFiles: [`chef__bento/os_pkrvars__${os}.pkrvars.hcl`],
      target: 'dir',
      verdict: valid,
    }),
  ),
  // Legacy JSON.
  single(
    'kubernetes-sigs__image-builder/images__capi__packer__ami__packer.json',
    { kind: 'legacy-json' },
    {
      // Upstream always adds an OS var file (ami/ubuntu-2404.json…) setting these: without them
      // Packer fails too (no ssh_username, no AMI filter owner, no device_name).
      requiredVars: [...imageBuilderVars, 'build_name', ...imageBuilderAmiOsVars],
    },
  ),
  {
    name: 'image-builder qemu packer.json.tmpl with qemu-ubuntu-2404.json',
    files: [],
    copyAs: { 'kubernetes-sigs__image-builder/images__capi__packer__qemu__packer.json.tmpl': 'packer.json' },
    varFiles: ['kubernetes-sigs__image-builder/images__capi__packer__qemu__qemu-ubuntu-2404.json'],
    requiredVars: imageBuilderVars,
    target: 'file',
    verdict: { kind: 'legacy-json' },
  },
  single('hashicorp__packer-plugin-amazon/example__instance-metadata__ubuntu-imdsv2-enabled.json', {
    kind: 'legacy-json',
  }),
  single('geerlingguy__packer-boxes/ubuntu2004__box-config.json', { kind: 'legacy-json' }),
  // Plugin examples and fixtures.
  single('hashicorp__packer-plugin-qemu/example__build.pkr.hcl'),
  single('hashicorp__packer-plugin-qemu/example__efi_build__efi-debian.pkr.hcl'),
  single('hashicorp__packer-plugin-amazon/example__build.pkr.hcl'),
  single('hashicorp__packer-plugin-amazon/example__instance-metadata__ubuntu-imdsv2-enabled.pkr.hcl'),
  single(
    'hashicorp__packer-plugin-amazon/builder__ebs__test-fixtures__unlimited-credits__burstable_instances.pkr.hcl',
  ),
  single('hashicorp__packer-plugin-amazon/datasource__secretsmanager__test-fixtures__template.pkr.hcl'),
  single('hashicorp__packer-plugin-virtualbox/builder__virtualbox__iso__testdata__incorrect_gfx.pkr.hcl'),
  // Real-world repositories.
  {
    name: 'gusztavvargadr src/ubuntu (7 of 9 files) with images.pkrvars.hcl',
    files: [
      'core',
      'source.core',
      'source.qemu',
      'source.virtualbox',
      'source.amazon-ebs',
      'build.native',
      'build.vagrant',
    ].map((n) => `gusztavvargadr__packer/src__ubuntu__${n}.pkr.hcl`),
    varFiles: ['gusztavvargadr__packer/samples__ubuntu-server__images.pkrvars.hcl'],
    vars: ['author=me', 'version=1.0.0', 'image=ubuntu-server', 'provider=virtualbox', 'build=native'],
    target: 'dir',
    verdict: valid,
    syntaxOnlyBecause: 'the hyperv/vmware source files it refers to were not copied from upstream',
  },
  single('canonical__packer-maas/rocky9__rocky9.pkr.hcl', valid, {
    syntaxOnlyBecause:
      'the http/rocky9.ks.pkrtpl.hcl it renders with templatefile() was not copied from upstream',
  }),
  single('canonical__packer-maas/windows__windows.pkr.hcl', valid, { vars: ['iso_path=windows.iso'] }),
  single('rgl__windows-vagrant/windows-2022-uefi.pkr.hcl', valid, {
    vars: ['vagrant_box=windows-2022'],
    env: { WINDOWS_2022_ISO_URL: 'windows.iso', WINDOWS_2022_ISO_CHECKSUM: 'none' },
  }),
  single('rgl__ubuntu-vagrant/ubuntu.pkr.hcl', valid, { vars: ['version=24.04', 'vagrant_box=ubuntu'] }),
  {
    name: 'vmware-samples linux-ubuntu (template, storage variables, example pkrvars, data/*.pkrtpl.hcl)',
    files: [
      'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__linux-ubuntu.pkr.hcl',
      'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__variables-storage.pkr.hcl',
    ],
    varFiles: [
      'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__linux-ubuntu.pkrvars.hcl.example',
    ],
    target: 'dir',
    verdict: valid,
    syntaxOnlyBecause: 'its variables.pkr.hcl and variables-network.pkr.hcl were not copied from upstream',
  },
  ...['storage', 'network', 'user-data'].map((n) =>
    single(
      `vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__data__${n}.pkrtpl.hcl`,
      {
        kind: 'templatefile-input',
      },
    ),
  ),
  {
    name: 'actions/runner-images ubuntu templates (4 files)',
    files: ['source.ubuntu', 'locals.ubuntu', 'variable.ubuntu', 'build.ubuntu-24_04'].map(
      (n) => `actions__runner-images/images__ubuntu__templates__${n}.pkr.hcl`,
    ),
    target: 'dir',
    vars: ['image_os=ubuntu24'],
    verdict: valid,
  },
  single('cisagov__skeleton-packer/src__packer.pkr.hcl'),
  {
    name: 'AlmaLinux (variables + 2 templates)',
    files: ['variables', 'almalinux_10_ami', 'almalinux_10_vagrant'].map(
      (n) => `AlmaLinux__cloud-images/${n}.pkr.hcl`,
    ),
    target: 'dir',
    verdict: valid,
  },
  {
    name: 'fwfurtado lxc (locals + variables)',
    files: ['locals', 'variables'].map(
      (n) => `fwfurtado__the-lab-zone-iac/components__packer__components__lxc__${n}.pkr.hcl`,
    ),
    target: 'dir',
    vars: ['app_name=app'],
    verdict: valid,
  },
];

const registry = builtinRegistry();
const pluginKinds = {
  builder: 'builder',
  provisioner: 'provisioner',
  'post-processor': 'post-processor',
  'data source': 'datasource',
} as const;

interface Shown {
  readonly summary: string;
  readonly file?: string;
  readonly line?: number;
}

/** The error diagnostics of a rendered text: summary, and the file and line they point at. */
function errorsOf(text: string): Shown[] {
  const out: Shown[] = [];
  for (const m of text.matchAll(/^Error: (.*)\n\n(?: {2}on (\S+) line (\d+)[,:])?/gm)) {
    out.push({ summary: m[1]!, file: m[2], line: m[3] === undefined ? undefined : Number(m[3]) });
  }
  return out;
}

/** The plugin type a diagnostic says imgbuild does not implement, if that is what it says. */
function missingPlugin(e: Shown): string | undefined {
  const m = /^Unknown (builder|provisioner|post-processor|data source) type "(.+)"$/.exec(e.summary);
  if (!m) return undefined;
  const kind = pluginKinds[m[1] as keyof typeof pluginKinds];
  return registry.get(kind, m[2]!) ? undefined : `${m[1]} ${m[2]}`;
}

const tally = { valid: 0, legacy: 0, invalid: 0, other: 0, failed: 0, noBuild: 0, needs: new Set<string>() };
const root = mkdtempSync(path.join(tmpdir(), 'imgbuild-corpus-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `corpus verdicts: ${tally.valid + tally.legacy} valid ok (${tally.legacy} of them legacy JSON), ` +
      `${tally.invalid} invalid ok, ${tally.other} templatefile inputs ok, ${tally.failed} failed ` +
      `(${tally.noBuild} of the valid ones have no build block: "Missing build block" in full validation, as in Packer)`,
  );
  console.log(
    `plugins the valid templates use that imgbuild does not implement: ${[...tally.needs].sort().join(', ')}`,
  );
});

const corpusPath = (name: string) => path.join(templatesDir, name);
const flat = (name: string) => path.basename(name);

function prepare(unit: Unit, index: number): { cwd: string; args: string[] } {
  const cwd = path.join(root, String(index));
  const dir = path.join(cwd, 'unit');
  mkdirSync(dir, { recursive: true });
  for (const f of unit.files) copyFileSync(corpusPath(f), path.join(dir, flat(f)));
  for (const [f, as] of Object.entries(unit.copyAs ?? {})) copyFileSync(corpusPath(f), path.join(dir, as));
  const args: string[] = [];
  for (const f of unit.varFiles ?? []) {
    copyFileSync(corpusPath(f), path.join(cwd, flat(f)));
    args.push('-var-file', flat(f));
  }
  if (unit.requiredVars) {
    const values = Object.fromEntries(unit.requiredVars.map((n) => [n, `placeholder-${n}`]));
    writeFileSync(path.join(cwd, 'required-vars.json'), JSON.stringify(values));
    args.push('-var-file', 'required-vars.json');
  }
  for (const v of unit.vars ?? []) args.push('-var', v);
  const first = unit.files[0] ?? Object.values(unit.copyAs ?? {})[0]!;
  args.push(unit.target === 'dir' ? 'unit' : path.join('unit', flat(first)));
  return { cwd, args };
}

const show = (r: CliResult) => `exit ${r.code}\n${r.out}${r.err}`;

async function checkValid(unit: Unit, cwd: string, args: string[]): Promise<void> {
  const syntax = await runCli(['validate', '-syntax-only', ...args], { cwd, env: unit.env });
  assert.equal(syntax.code, 0, `-syntax-only: ${show(syntax)}`);
  if (!unit.syntaxOnlyBecause) {
    const full = await runCli(['validate', ...args], { cwd, env: unit.env });
    if (full.code !== 0) {
      const errors = errorsOf(full.err);
      // Packer (since 1.9) refuses a template without a build block: files of variables or sources alone.
      const noBuild = errors.length === 1 && errors[0]!.summary === 'Missing build block';
      const other = errors.filter((e) => missingPlugin(e) === undefined);
      assert.ok(noBuild || (errors.length > 0 && other.length === 0), `full validation: ${show(full)}`);
      if (noBuild) tally.noBuild++;
      else for (const e of errors) tally.needs.add(missingPlugin(e)!);
    }
  }
  for (const [expr, shown] of unit.console ?? []) {
    const r = await runCli(['console', ...args], { cwd, env: unit.env, stdin: `${expr}\n` });
    assert.deepEqual(r, { code: 0, out: `${shown}\n`, err: '' }, expr);
  }
}

async function checkInvalid(
  v: Extract<Verdict, { kind: 'invalid' }>,
  cwd: string,
  args: string[],
): Promise<void> {
  const r = await runCli(['validate', ...args], { cwd });
  assert.equal(r.code, 1, show(r));
  const first = errorsOf(r.err)[0];
  assert.ok(first, show(r));
  assert.equal(first.summary, v.summary, show(r));
  assert.equal(first.file && flat(first.file), flat(v.file), show(r));
  assert.equal(first.line, v.line, show(r));
  if (v.detail) assert.ok(r.err.replace(/\s+/g, ' ').includes(v.detail), show(r));
}

test('every corpus file named in INDEX.md is covered by a unit', () => {
  const index = readFileSync(path.join(templatesDir, 'INDEX.md'), 'utf8');
  const listed = [...index.matchAll(/^- \*\*`([^`]+)`\*\*/gm)].map((m) => m[1]!);
  assert.ok(listed.length >= 88, `${listed.length} files in INDEX`);
  const covered = new Set(
    units.flatMap((u) => [...u.files, ...Object.keys(u.copyAs ?? {}), ...(u.varFiles ?? [])]),
  );
  assert.deepEqual(
    listed.filter((f) => !covered.has(f)),
    [],
  );
});

units.forEach((unit, i) => {
  test(unit.name, { todo: unit.todo }, async () => {
    try {
      const { cwd, args } = prepare(unit, i);
      const v = unit.verdict;
      if (v.kind === 'valid' || v.kind === 'legacy-json') await checkValid(unit, cwd, args);
      else if (v.kind === 'invalid') await checkInvalid(v, cwd, args);
      else {
        const name = unit.files[0]!;
        const { diags } = parseTemplate(readFileSync(corpusPath(name), 'utf8'), flat(name));
        assert.deepEqual(diags, []);
      }
      if (v.kind === 'valid') tally.valid++;
      else if (v.kind === 'legacy-json') tally.legacy++;
      else if (v.kind === 'invalid') tally.invalid++;
      else tally.other++;
    } catch (e) {
      tally.failed++;
      throw e;
    }
  });
});
