/**
 * `npm run bench:validate`: `imgbuild validate` (the bundled dist/cli/main.js) against Debian's
 * `packer validate` on the same corpus templates: full validation where both know every builder used
 * (null, qemu, amazon-ebs, or no build at all), `-syntax-only` for the rest. A template joins the set only
 * if both tools accept it, so neither is timed on an early error. 10 interleaved runs over the whole set,
 * medians. The last line reads `validate: imgbuild X s, packer Y s, ratio R` (R = imgbuild / packer).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cli, median, templatesDir } from './common.js';

/**
 * Corpus templates (a file, or a set loaded as a directory) that both tools fully validate: builders
 * null/qemu/amazon-ebs and options Packer 1.6.6 already knew.
 */
const fullCandidates: string[][] = [
  [
    'hashicorp__packer/command__test-fixtures__hcl__recipes__build.pkr.hcl',
    'hashicorp__packer/command__test-fixtures__hcl__recipes__sources.pkr.hcl',
  ],
];

/** Valid templates (per the corpus INDEX) Packer 1.6.6 can at least parse. */
const syntaxCandidates = [
  'AlmaLinux__cloud-images/almalinux_10_vagrant.pkr.hcl',
  'actions__runner-images/images__ubuntu__templates__build.ubuntu-24_04.pkr.hcl',
  'chef__bento/packer_templates__pkr-builder.pkr.hcl',
  'chef__bento/packer_templates__pkr-variables.pkr.hcl',
  'fwfurtado__the-lab-zone-iac/components__packer__components__lxc__variables.pkr.hcl',
  'gusztavvargadr__packer/src__ubuntu__build.native.pkr.hcl',
  'hashicorp__packer-plugin-amazon/builder__ebs__test-fixtures__unlimited-credits__burstable_instances.pkr.hcl',
  'hashicorp__packer-plugin-qemu/example__efi_build__efi-debian.pkr.hcl',
  'hashicorp__packer/command__test-fixtures__hcl__recipes__build.pkr.hcl',
  'hashicorp__packer/examples__hcl__linux__build.ubuntu.pkr.hcl',
  'hashicorp__packer/hcl2template__testdata__build__post-processor_onlyexcept.pkr.hcl',
  'hashicorp__packer/hcl2template__testdata__complete__build.pkr.hcl',
  'vmware-samples__packer-examples-for-vsphere/builds__linux__ubuntu__24-04-lts__variables-storage.pkr.hcl',
];

interface Job {
  /** Relative to the throwaway directory the corpus files are copied into. */
  readonly target: string;
  readonly args: string[];
}

function run(cmd: string, args: string[]): { ok: boolean; seconds: number; output: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: workDir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  const seconds = (performance.now() - t0) / 1000;
  return { ok: !r.error && r.status === 0, seconds, output: `${r.stdout}${r.stderr}` };
}

const ours = (j: Job) => run(process.execPath, [cli, 'validate', ...j.args, j.target]);
const theirs = (j: Job) => run('packer', ['validate', ...j.args, j.target]);

const workDir = mkdtempSync(join(tmpdir(), 'imgbuild-bench-validate-'));

/** Copies corpus files into a fresh directory; the target is that directory for a set, else the file. */
function copySet(files: readonly string[], name: string): string {
  mkdirSync(join(workDir, name));
  for (const f of files) copyFileSync(join(templatesDir, f), join(workDir, name, basename(f)));
  return files.length === 1 ? join(name, basename(files[0]!)) : name;
}

function main(): void {
  if (!existsSync(cli)) {
    console.log(`validate: ${cli} not built (npm run build)`);
    process.exitCode = 1;
    return;
  }
  const packer = spawnSync('packer', ['version'], { encoding: 'utf8' });
  if (packer.error || packer.status !== 0) {
    console.log('validate: packer not found on PATH (apt-get install packer); cannot compare');
    process.exitCode = 1;
    return;
  }
  const candidates: Job[] = [
    ...fullCandidates.map((files, i) => ({ target: copySet(files, `set-${i}`), args: [] })),
    ...syntaxCandidates.map((file, i) => ({
      target: copySet([file], `syntax-${i}`),
      args: ['-syntax-only'],
    })),
  ];
  const jobs: Job[] = [];
  for (const j of candidates) {
    const a = ours(j);
    const b = theirs(j);
    if (a.ok && b.ok) jobs.push(j);
    else
      console.log(
        `left out ${j.target}${j.args.length ? ' (-syntax-only)' : ''}: ${a.ok ? '' : 'imgbuild'}${!a.ok && !b.ok ? ' and ' : ''}${b.ok ? '' : 'packer'} rejected it`,
      );
  }
  const full = jobs.filter((j) => j.args.length === 0).length;
  console.log(
    `${jobs.length} templates (${full} full, ${jobs.length - full} -syntax-only), 10 interleaved runs over the set, medians (process start included)`,
  );
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 10; i++) {
    a.push(jobs.reduce((s, j) => s + ours(j).seconds, 0));
    b.push(jobs.reduce((s, j) => s + theirs(j).seconds, 0));
  }
  const x = median(a);
  const y = median(b);
  console.log(
    `per template: imgbuild ${((x / jobs.length) * 1000).toFixed(0)} ms, packer ${((y / jobs.length) * 1000).toFixed(0)} ms`,
  );
  console.log(`validate: imgbuild ${x.toFixed(3)} s, packer ${y.toFixed(3)} s, ratio ${(x / y).toFixed(2)}`);
}

try {
  main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
