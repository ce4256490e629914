/**
 * Issue 6 item 5: commands that do not use EC2 do not load the AWS SDK. The real CLI runs with module
 * hooks that record every module it resolves: `validate` of an amazon-ebs template resolves no
 * @aws-sdk module; `build` of the same template does (so the tracing sees the SDK when it is loaded).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { repoRoot } from '../../hcl/corpus-files.js';

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const tracer = path.join(repoRoot, 'test', 'builders', 'amazon', 'fixtures', 'trace-loads.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');

let work: string;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'imgbuild-sdk-loading-'));
  // A closed port and no retries: the build fails at its first EC2 call, after loading the SDK.
  await writeFile(
    path.join(work, 'ami.pkr.hcl'),
    `source "amazon-ebs" "x" {
  region              = "us-east-1"
  access_key          = "AKIDTEST"
  secret_key          = "not-a-real-secret"
  custom_endpoint_ec2 = "http://127.0.0.1:9"
  max_retries         = 0
  source_ami          = "ami-12345678"
  instance_type       = "t3.micro"
  ssh_username        = "root"
  ami_name            = "startup-check"
}
build { sources = ["source.amazon-ebs.x"] }
`,
  );
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function traced(command: string): Promise<{ code: number | null; output: string; modules: string[] }> {
  const trace = path.join(work, `${command}.loads`);
  const child = spawn(
    process.execPath,
    ['--import', tracer, '--import', tsxLoader, entry, command, 'ami.pkr.hcl'],
    {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        IMGBUILD_TRACE_LOADS: trace,
        IMGBUILD_STATE_DIR: path.join(work, 'state'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const modules = (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
  return { code, output, modules };
}

const aws = (modules: string[]) => modules.filter((m) => m.includes('/node_modules/@aws-sdk/'));

it('validate of an amazon-ebs template loads no @aws-sdk module', { timeout: 60_000 }, async () => {
  const r = await traced('validate');
  assert.equal(r.code, 0, r.output);
  assert.ok(
    r.modules.some((m) => m.endsWith('/src/builders/amazon/ebs-config.ts')),
    'the tracing saw the builder',
  );
  assert.deepEqual(aws(r.modules), []);
});

it('build of the same template does load it (the tracing sees the SDK)', { timeout: 60_000 }, async () => {
  const r = await traced('build');
  assert.equal(r.code, 1, r.output);
  assert.match(r.output, /ECONNREFUSED/);
  assert.ok(
    aws(r.modules).some((m) => m.includes('/@aws-sdk/client-ec2/')),
    'client-ec2 was loaded',
  );
});
