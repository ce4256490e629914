/**
 * The TTY mode under a real pseudo-terminal (util-linux `script`): the spinner shows each running step
 * with its elapsed time, a transfer's progress bar, lines printed above it, and no secret anywhere.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';

function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, BUILD_NUMBER: _bn, ...rest } = env;
  return rest;
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const secret = 'pty-secret-123';

function runUnderPty(): Promise<string> {
  return new Promise((resolve, reject) => {
    // An unsized pty has 0 columns; size it so the spinner is drawn.
    const command = 'stty cols 100 rows 30; exec node --import tsx test/ui/fixtures/tty-demo.ts';
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      // An operator's terminal: CI variables would make ora's colour detection differ from a user's.
      env: { ...withoutCi(process.env), DEMO_SECRET: secret },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let answered = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (c) => {
      out += c;
      if (out.length > 1_000_000) child.kill('SIGKILL');
      // Typed into the pty once the prompt is up (script forwards its stdin).
      if (!answered && out.includes('[a] abort?')) {
        answered = true;
        child.stdin.write('a\r');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`script exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

test('tty mode in a pty: spinner with elapsed time, progress bar, lines above it, no secret', async (t) => {
  if (!hasScript) {
    t.skip('util-linux `script` is not installed: no pseudo-terminal to run the TTY mode in');
    return;
  }
  const out = await runUnderPty();
  assert.ok(!out.includes(secret) && !out.includes('pty-secret'), 'the secret leaked');
  // Permanent lines, colored per build, with the pty's CRLF.
  assert.ok(out.includes('\x1b[1;32m==> web.a: Waiting for SSH to become available...\x1b[0m\r\n'));
  assert.ok(out.includes('\x1b[1;36m==> web.b: Uploading disk.img\x1b[0m\r\n'));
  assert.ok(out.includes('\x1b[0;32m    web.a: token <sensitive>\x1b[0m\r\n'), 'chunk-split secret masked');
  // The prompt: prefixed, colored, masked, the spinner gone while it waits; the typed answer is read.
  // The pty echoes the typed answer right after the prompt: nothing moved the cursor in between.
  assert.ok(
    out.includes('\x1b[1;32m==> web.a: Step failed (<sensitive>). [c] Clean up, [a] abort?\x1b[0m a'),
  );
  assert.ok(out.includes('\x1b[1;32m==> web.a: Connected with <sensitive>, answer a\x1b[0m\r\n'));
  // The spinner: a braille frame before the running step and its elapsed time, which moves on.
  assert.match(
    out,
    /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\x1b\[39m \x1b\[0;32mweb\.a\x1b\[0m: Waiting for SSH to become available\.\.\. \(0s\)/,
  );
  assert.match(out, /web\.a\x1b\[0m: Waiting for SSH to become available\.\.\. \(1s\)/);
  assert.match(out, /web\.b\x1b\[0m: disk\.img \[=+> +\] +45% 1\.8 MiB\/4\.0 MiB/);
  // Cursor hidden while spinning and shown again at the end; nothing drawn after the last clear.
  assert.ok(out.includes('\x1b[?25l'));
  assert.ok(out.trimEnd().endsWith('\x1b[?25h'), JSON.stringify(out.slice(-200)));
});
