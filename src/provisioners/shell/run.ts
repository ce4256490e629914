/**
 * The shell provisioner's run (Packer's provisioner/shell): each script (or the inline commands, written
 * to a temporary script) is uploaded to remote_path, made executable and run with execute_command; the
 * upload and start are retried for start_retry_timeout so a rebooting machine can come back.
 */
import { randomInt } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Communicator } from '../../sdk/communicator.js';
import type { ProvisionContext } from '../../sdk/plugin.js';
import { buildIdentity, flattenEnvVars } from '../common/env-vars.js';
import {
  CMD_DISCONNECT,
  invalidExitCodeMessage,
  remoteExitStatus,
  validExitCodes,
} from '../common/exit-codes.js';
import { renderGoTemplate } from '../common/go-template.js';
import { OutputTail, ScriptError } from '../common/script-error.js';
import { durationMs, formatGoDuration, retryUntil, sleep } from '../common/timing.js';
import { toUnixLines } from '../common/unix-lines.js';
import type { ShellConfig } from './config.js';

export const DEFAULT_EXECUTE_COMMAND = 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}';
const ENV_FILE_EXECUTE_COMMAND = 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}';
const DEFAULT_START_RETRY_MS = 5 * 60_000;
const DEFAULT_SHEBANG = '/bin/sh -e';
const REMOVE_AFTER_FAILURE_MS = 3_000;

/** Knobs for tests: the pause between retries (Packer: 2 s). */
export interface ShellRunOptions {
  readonly retryDelayMs?: number;
}

interface Settings {
  readonly scripts: string[];
  readonly inline: string[] | undefined;
  readonly inlineShebang: string;
  readonly executeCommand: string;
  readonly envVarFormat: string;
  readonly useEnvVarFile: boolean;
  readonly remoteFolder: string;
  readonly remotePath: string;
  readonly binary: boolean;
  readonly expectDisconnect: boolean;
  readonly skipClean: boolean;
  readonly startRetryMs: number;
  readonly pauseAfterMs: number;
  readonly validExitCodes: number[];
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/**
 * Packer picks the script's name once per provisioner (in Prepare), so a retry overwrites the same
 * remote file instead of leaving one per attempt.
 */
const scriptNames = new WeakMap<ShellConfig, string>();
function scriptNameOf(c: ShellConfig): string {
  let name = scriptNames.get(c);
  if (name === undefined) {
    name = `script_${randomInt(9999)}.sh`;
    scriptNames.set(c, name);
  }
  return name;
}

function settings(c: ShellConfig): Settings {
  const useEnvVarFile = c.use_env_var_file === true;
  let executeCommand = str(c.execute_command) || DEFAULT_EXECUTE_COMMAND;
  // The schema fills the plain default, so the env-file default replaces it rather than a blank value.
  if (useEnvVarFile && executeCommand === DEFAULT_EXECUTE_COMMAND) executeCommand = ENV_FILE_EXECUTE_COMMAND;
  const remoteFolder = str(c.remote_folder) || '/tmp';
  const remoteFile = str(c.remote_file) || scriptNameOf(c);
  const inline = Array.isArray(c.inline) && c.inline.length > 0 ? (c.inline as string[]) : undefined;
  const scripts = str(c.script)
    ? [str(c.script)]
    : Array.isArray(c.scripts)
      ? [...(c.scripts as string[])]
      : [];
  return {
    scripts,
    inline,
    inlineShebang: str(c.inline_shebang) || DEFAULT_SHEBANG,
    executeCommand,
    envVarFormat: str(c.env_var_format) || (useEnvVarFile ? "export %s='%s'\n" : "%s='%s' "),
    useEnvVarFile,
    remoteFolder,
    remotePath: str(c.remote_path) || `${remoteFolder}/${remoteFile}`,
    binary: c.binary === true,
    expectDisconnect: c.expect_disconnect === true,
    skipClean: c.skip_clean === true,
    startRetryMs: durationMs(c.start_retry_timeout) || DEFAULT_START_RETRY_MS,
    pauseAfterMs: durationMs(c.pause_after),
    validExitCodes: validExitCodes(c),
  };
}

/**
 * The generated script (Packer 1.13+): a shebang line, then each command on its own line. When
 * inline_shebang is left at its default and the commands already start with `#!` (a script pasted in
 * with templatefile), that shebang is used instead.
 */
export function inlineScript(inline: readonly string[], shebang: string): string {
  const body = inline.map((command) => `${command}\n`).join('');
  const ownShebang = shebang === DEFAULT_SHEBANG && body.startsWith('#!');
  return ownShebang ? body : `#!${shebang}\n${body}`;
}

/** What the steps of one provisioner run share. */
interface ShellRun {
  readonly comm: Communicator;
  readonly ctx: ProvisionContext;
  readonly s: Settings;
  readonly retry: <T>(fn: () => Promise<T>) => Promise<T>;
}

export async function runShell(
  config: ShellConfig,
  ctx: ProvisionContext,
  opts: ShellRunOptions = {},
): Promise<void> {
  const comm = ctx.communicator;
  if (!comm) {
    throw new Error(
      'The shell provisioner needs a communicator, but this build has none (communicator = "none").',
    );
  }
  const s = settings(config);
  const run: ShellRun = {
    comm,
    ctx,
    s,
    retry: (fn) =>
      retryUntil(s.startRetryMs, ctx.signal, fn, {
        delayMs: opts.retryDelayMs,
        onRetry: (err) => ctx.log.debug(`Retryable error: ${(err as Error).message}`),
      }),
  };
  const identity = buildIdentity(ctx.buildName, ctx.buildVars);
  const envInput = {
    vars: config.environment_vars as string[] | undefined,
    env: config.env as Record<string, string> | undefined,
    format: s.envVarFormat,
    buildName: identity.name,
    builderType: identity.type,
    buildVars: ctx.buildVars,
  };

  const scripts = [...s.scripts];
  let inlineFile: string | undefined;
  let envVarFile = '';
  try {
    if (s.inline) {
      inlineFile = await writeInlineScript(s.inline, run);
      scripts.push(inlineFile);
    }
    if (s.useEnvVarFile) envVarFile = await uploadEnvVarFile(flattenEnvVars(envInput), run);
    const vars = flattenEnvVars(envInput);
    for (const path of scripts) {
      ctx.ui.say(`Provisioning with shell script: ${path}`);
      let command: string;
      try {
        command = renderGoTemplate(s.executeCommand, {
          ...ctx.buildVars,
          Vars: vars,
          EnvVarFile: envVarFile,
          Path: s.remotePath,
        });
      } catch (err) {
        throw new Error(`Error processing command: ${(err as Error).message}`);
      }
      await runScript(path, command, run);
      if (!s.skipClean) await cleanupRemoteFile(s.remotePath, run);
    }
    if (!s.skipClean && envVarFile) await cleanupRemoteFile(envVarFile, run);

    if (s.pauseAfterMs > 0) {
      ctx.ui.say(`Pausing ${formatGoDuration(s.pauseAfterMs)} after this provisioner...`);
      await sleep(s.pauseAfterMs, ctx.signal);
    }
  } catch (err) {
    // A failed or cancelled run still removes what it uploaded (Packer leaves it behind).
    if (!s.skipClean) await removeQuietly(comm, [s.remotePath, envVarFile]);
    throw err;
  } finally {
    if (inlineFile) await rm(inlineFile, { force: true });
  }
}

/** Best effort and bounded: the build's signal may be aborted already, and the link may be gone. */
async function removeQuietly(comm: Communicator, paths: readonly string[]): Promise<void> {
  const existing = paths.filter((p) => p !== '');
  if (existing.length === 0) return;
  try {
    await comm.exec(`rm -f ${existing.join(' ')}`, { signal: AbortSignal.timeout(REMOVE_AFTER_FAILURE_MS) });
  } catch {
    // Nothing more can be done from here; the script is in remote_folder, named in the log.
  }
}

/** The inline commands (interpolated) as a local temporary script. */
async function writeInlineScript(inline: readonly string[], { ctx, s }: ShellRun): Promise<string> {
  let commands: string[];
  try {
    commands = inline.map((command) => renderGoTemplate(command, ctx.buildVars));
  } catch (err) {
    throw new Error(`Error interpolating Inline: ${(err as Error).message}`);
  }
  const path = join(ctx.tempDir, `packer-shell${randomInt(1_000_000_000)}`);
  await writeFile(path, inlineScript(commands, s.inlineShebang), { flag: 'wx' });
  return path;
}

/** use_env_var_file: the variables go to a private remote file that execute_command sources. */
async function uploadEnvVarFile(content: string, { comm, ctx, s, retry }: ShellRun): Promise<string> {
  const body = s.binary ? Buffer.from(content) : toUnixLines(Buffer.from(content));
  return retry(async () => {
    const remote = `${s.remoteFolder}/varfile_${randomInt(9999)}.sh`;
    try {
      await comm.upload(remote, streamOf(body), { signal: ctx.signal });
    } catch (err) {
      throw new Error(`Error uploading envVarFile: ${(err as Error).message}`);
    }
    await startOrFail(
      comm,
      `chmod 0600 ${remote}`,
      ctx.signal,
      'Error chmodding script file to 0600 in remote machine',
    );
    return remote;
  });
}

/** Uploads one script to remote_path and runs it, streaming its output; fails on a bad exit status. */
async function runScript(path: string, command: string, { comm, ctx, s, retry }: ShellRun): Promise<void> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (err) {
    throw new Error(`Error opening shell script: ${(err as Error).message}`);
  }
  const body = s.binary ? content : toUnixLines(content);
  const tail = new OutputTail();
  const forward = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString();
    tail.push(text);
    ctx.ui.output(text, stream);
  };
  // Upload and start together, so a reboot between them cannot leave a command without its script.
  const status = await retry(async () => {
    try {
      await comm.upload(s.remotePath, streamOf(body), { signal: ctx.signal });
    } catch (err) {
      throw new Error(`Error uploading script: ${(err as Error).message}`);
    }
    await startOrFail(
      comm,
      `chmod 0755 ${s.remotePath}`,
      ctx.signal,
      'Error chmodding script file to 0755 in remote machine',
    );
    const result = await comm.exec(command, {
      signal: ctx.signal,
      onStdout: forward('stdout'),
      onStderr: forward('stderr'),
    });
    return remoteExitStatus(result);
  });

  if (status === CMD_DISCONNECT) {
    if (s.expectDisconnect) return;
    throw new ScriptError(
      'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a restart, you can try adding `"expect_disconnect": true` or `"valid_exit_codes": [0, 2300218]` to the shell provisioner parameters.',
      status,
      tail.get(),
    );
  }
  const invalid = invalidExitCodeMessage(status, s.validExitCodes);
  if (invalid) throw new ScriptError(invalid, status, tail.get());
}

function streamOf(body: Buffer): { stream: NodeJS.ReadableStream; size: number } {
  return { stream: Readable.from([body]), size: body.length };
}

/** Runs a helper command (chmod), failing with `prefix` when it cannot be started; its status is ignored. */
async function startOrFail(
  comm: Communicator,
  command: string,
  signal: AbortSignal,
  prefix: string,
): Promise<void> {
  try {
    await comm.exec(command, { signal });
  } catch (err) {
    throw new Error(`${prefix}: ${(err as Error).message}`);
  }
}

/** `rm -f` the uploaded file, retrying while the machine reboots (a disconnect counts as a retryable failure). */
async function cleanupRemoteFile(path: string, { comm, ctx, retry }: ShellRun): Promise<void> {
  await retry(async () => {
    let status: number;
    try {
      status = remoteExitStatus(await comm.exec(`rm -f ${path}`, { signal: ctx.signal }));
    } catch (err) {
      throw new Error(`Error removing temporary script at ${path}: ${(err as Error).message}`);
    }
    if (status === CMD_DISCONNECT) throw new Error('Disconnect while removing temporary script.');
    if (status !== 0) throw new Error(`Error removing temporary script at ${path}!`);
  });
}
