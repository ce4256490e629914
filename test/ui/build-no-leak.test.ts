/**
 * The whole chain, through the real executable: a build whose shell-local provisioner prints a
 * multi-line sensitive variable (with quotes and a `$`) on stdout and stderr, in an environment variable,
 * pasted unescaped into an `echo '…'`, and then fails so the error repeats its last output. No byte of
 * stdout, stderr or the IMGBUILD_LOG file — plain, machine-readable, timestamped, or in a pty — holds any
 * 8-character piece of it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../hcl/corpus-files.js';

const secretLines = [`first-line-s3cret 'quoted' "dq" $dollar`, 'second-line-XYZZY-987'];

const template = `variable "pw" {
  type      = string
  sensitive = true
  default   = <<EOT
${secretLines.join('\n')}
EOT
}

source "null" "a" {
  communicator = "none"
}

build {
  sources = ["source.null.a"]
  provisioner "shell-local" {
    environment_vars = ["PW=\${var.pw}"]
    inline = [
      "echo \\"pw=$PW\\"",
      "echo \\"$PW\\" >&2",
      "echo 'json {\\"pw\\": \\"\${var.pw}\\"}'",
      "exit 3",
    ]
  }
}
`;

const pieces = secretLines.flatMap((s) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)));

function assertNoLeak(where: string, text: string) {
  for (const p of pieces) assert.ok(!text.includes(p), `${where} contains "${p}"`);
}

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');

function build(dir: string, flags: string[], viaPty: boolean) {
  const env = { PATH: process.env.PATH, IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: 'build.log' };
  const argv = [process.execPath, '--import', tsxLoader, entry, 'build', ...flags, 't.pkr.hcl'];
  const r = viaPty
    ? spawnSync('script', ['-q', '-e', '-c', `stty cols 100 rows 30; exec ${argv.join(' ')}`, '/dev/null'], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      })
    : spawnSync(argv[0]!, argv.slice(1), { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    log: readFileSync(path.join(dir, 'build.log'), 'utf8'),
  };
}

const hasScript = spawnSync('script', ['--version']).status === 0;

const runs: [string, string[], boolean][] = [
  ['plain', [], false],
  ['-machine-readable -timestamp-ui', ['-machine-readable', '-timestamp-ui'], false],
  ['tty (pty)', [], true],
];

for (const [name, flags, viaPty] of runs) {
  test(`imgbuild build, ${name}: the sensitive variable appears nowhere`, (t) => {
    if (viaPty && !hasScript) {
      t.skip('util-linux `script` is not installed: no pseudo-terminal for the TTY mode');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-build-noleak-'));
    try {
      writeFileSync(path.join(dir, 't.pkr.hcl'), template);
      const r = build(dir, flags, viaPty);
      assert.equal(r.code, 1, `${r.out}\n${r.err}`);
      assert.ok(r.out.includes('<sensitive>'), r.out);
      assert.match(r.out, /non-zero exit status: 3/);
      assert.ok(r.log.includes('<sensitive>'), 'the log was written');
      assertNoLeak('stdout', r.out);
      assertNoLeak('stderr', r.err);
      assertNoLeak('the log', r.log);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
