/**
 * What the template commands load: a module-resolution hook records every module the real executable
 * resolves; `validate`, `inspect` and `console` must not load the AWS SDK or ssh2 (only builds need them),
 * and `version` must not load the template machinery at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../hcl/corpus-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-modules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const log = path.join(dir, 'resolved.txt');
writeFileSync(
  path.join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}
`,
);
writeFileSync(
  path.join(dir, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
);
writeFileSync(
  path.join(dir, 't.pkr.hcl'),
  'source "amazon-ebs" "a" {\n  region        = "eu-west-1"\n  source_ami    = "ami-12345678"\n  instance_type = "t3.micro"\n  ssh_username  = "ubuntu"\n  ami_name      = "example"\n}\n\nsource "qemu" "q" {\n  iso_url      = "x.iso"\n  iso_checksum = "none"\n  ssh_username = "root"\n}\n\nbuild {\n  sources = ["source.amazon-ebs.a", "source.qemu.q"]\n\n  provisioner "shell" {\n    inline = ["true"]\n  }\n}\n',
);

function resolvedBy(argv: string[], stdin = ''): string[] {
  rmSync(log, { force: true });
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'),
      '--import',
      path.join(dir, 'register.mjs'),
      path.join(repoRoot, 'src', 'cli', 'main.ts'),
      ...argv,
    ],
    { cwd: dir, input: stdin, encoding: 'utf8', env: { PATH: process.env.PATH } },
  );
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const heavy = /@aws-sdk|\/ssh2\/|\/ssh2$|node_modules\/aws-/;

for (const [name, argv, stdin] of [
  ['validate', ['validate', 't.pkr.hcl'], ''],
  ['inspect', ['inspect', 't.pkr.hcl'], ''],
  ['console', ['console', 't.pkr.hcl'], 'upper("a")\n'],
] as const) {
  test(`${name} (with amazon-ebs and shell in the template) loads no AWS SDK and no ssh2`, () => {
    const urls = resolvedBy([...argv], stdin);
    assert.ok(
      urls.some((u) => u.includes('/src/template/')),
      'the hook saw the template modules',
    );
    assert.deepEqual(
      urls.filter((u) => heavy.test(u)),
      [],
    );
  });
}

test('version loads neither the template loader nor the HCL engine', () => {
  const urls = resolvedBy(['version']);
  assert.deepEqual(
    urls.filter((u) => u.includes('/src/template/') || u.includes('/src/hcl/')),
    [],
  );
});
