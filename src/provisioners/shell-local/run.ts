/**
 * shell-local's run (Packer SDK shell-local.Run), shared by the provisioner and the post-processor: each
 * script (or the inline commands / command, written to a temporary script) runs on this machine through
 * execute_command, with the build's environment variables flattened into {{.Vars}}.
 */
import { randomInt } from 'node:crypto';
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProvisionContext, RunContext } from '../../sdk/plugin.js';
import { buildIdentity, flattenEnvVars } from '../common/env-vars.js';
import { invalidExitCodeMessage, validExitCodes } from '../common/exit-codes.js';
import { renderGoTemplate } from '../common/go-template.js';
import { OutputTail, ScriptError } from '../common/script-error.js';
import { abortReason } from '../common/timing.js';
import type { ShellLocalConfig } from './config.js';
import { runLocalProcess } from './local-process.js';

/** What shell-local needs from its caller; a post-processor passes the artifact's generated data. */
export type ShellLocalContext = Pick<RunContext, 'signal' | 'ui' | 'log' | 'buildName'> &
  Partial<Pick<RunContext, 'tempDir'>> & { readonly buildVars?: ProvisionContext['buildVars'] };

const SUPPORTED_OS = ['darwin', 'freebsd', 'linux', 'openbsd', 'solaris', 'windows'];

/** Go's runtime.GOOS for this process. */
export function goos(): string {
  const p = process.platform;
  return p === 'win32' ? 'windows' : p === 'sunos' ? 'solaris' : p;
}

/** `C:\path\to\file` → `/mnt/c/path/to/file` (Windows Subsystem for Linux paths). */
export function convertToLinuxPath(winAbsPath: string): string {
  const path = winAbsPath.replaceAll('\\', '/');
  const split = path.indexOf(':/');
  if (split < 0) {
    throw new Error(
      `There was an error splitting your absolute path; expected to find a drive following the format ':/' but did not: absolute path: ${path}`,
    );
  }
  return `/mnt/${path.slice(0, split).toLowerCase()}/${path.slice(split + 2)}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}

export async function runShellLocal(config: ShellLocalConfig, ctx: ShellLocalContext): Promise<void> {
  const os = goos();
  const onlyOn = strings(config.only_on);
  const unsupported = onlyOn.find((name) => !SUPPORTED_OS.includes(name));
  if (unsupported !== undefined) {
    throw new Error(
      `Invalid OS specified in only_on: '${unsupported}'\nSupported OS names: ${SUPPORTED_OS.join(', ')}`,
    );
  }
  if (onlyOn.length > 0 && !onlyOn.includes(os)) {
    ctx.ui.say('Skipping shell-local due to runtime OS');
    ctx.log.debug('(shell-local): skipping shell-local due to missing runtime OS');
    return;
  }

  const command = typeof config.command === 'string' && config.command !== '' ? config.command : undefined;
  let inline = command !== undefined ? [command] : strings(config.inline);
  let scripts =
    typeof config.script === 'string' && config.script !== ''
      ? [config.script]
      : [...strings(config.scripts)];
  const useLinuxPathing = config.use_linux_pathing === true;
  if (useLinuxPathing) {
    scripts = scripts.map((s) => convertToLinuxPath(resolve(s)));
    if (inline.length > 0) {
      throw new Error(
        'Packer is unable to use the Command and Inline features with the Windows Linux Subsystem. Please use the Script or Scripts options instead',
      );
    }
  }
  if (scripts.length > 0) inline = [];

  const executeCommand = strings(config.execute_command);
  const argvTemplate =
    executeCommand.length > 0
      ? executeCommand
      : os === 'windows'
        ? ['cmd', '/V', '/C', '{{.Vars}}', 'call', '{{.Script}}']
        : ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'];
  const envVarFormat =
    typeof config.env_var_format === 'string' && config.env_var_format !== ''
      ? config.env_var_format
      : os === 'windows' && !useLinuxPathing
        ? 'set %s=%s && '
        : "%s='%s' ";
  const buildVars = ctx.buildVars ?? {};
  const identity = buildIdentity(ctx.buildName, buildVars);
  const vars = flattenEnvVars({
    vars: strings(config.environment_vars).map((kv) => renderGoTemplate(kv, buildVars)),
    env: config.env as Record<string, string> | undefined,
    format: envVarFormat,
    buildName: identity.name,
    builderType: identity.type,
    buildVars,
  });

  let tempScript: string | undefined;
  try {
    if (inline.length > 0) {
      const commands = inline.map((command) => renderGoTemplate(command, buildVars));
      tempScript = await writeInlineScript(commands, config, ctx.tempDir ?? tmpdir(), os);
      scripts = [tempScript];
    }
    for (const script of scripts) {
      const absScript = resolve(script);
      let argv: string[];
      try {
        const data = { ...buildVars, Vars: vars, Script: absScript, Command: absScript };
        argv = argvTemplate.map((part) => renderGoTemplate(part, data));
      } catch (err) {
        throw new Error(`Error processing command: ${(err as Error).message}`);
      }
      ctx.ui.say(`Running local shell script: ${script}`);
      ctx.log.debug(`(shell-local): starting local command: ${argv.join(' ')}`);
      const tail = new OutputTail();
      const result = await runLocalProcess(argv, {
        signal: ctx.signal,
        onOutput: (text, stream) => {
          tail.push(text);
          ctx.ui.output(text, stream);
        },
      });
      if (!result.started) {
        throw new ScriptError(
          `Error executing script: ${absScript}\n\nPlease see output above for more information.\n(${result.error.message})`,
          undefined,
          tail.get(),
        );
      }
      if (result.cancelled) throw abortReason(ctx.signal);
      const invalid = invalidExitCodeMessage(result.exitStatus, validExitCodes(config));
      if (invalid) throw new ScriptError(invalid, result.exitStatus, tail.get());
    }
  } finally {
    if (tempScript) await rm(tempScript, { force: true });
  }
}

/** The inline commands as a script file (shebang first), executable by its owner. */
async function writeInlineScript(
  inline: readonly string[],
  config: ShellLocalConfig,
  dir: string,
  os: string,
): Promise<string> {
  let path = join(dir, `packer-shell${randomInt(1_000_000_000)}`);
  const shebang =
    typeof config.inline_shebang === 'string' ? config.inline_shebang : os === 'windows' ? '' : '/bin/sh -e';
  const head = shebang !== '' ? `#!${shebang}\n` : '';
  await writeFile(path, head + inline.map((c) => `${c}\n`).join(''), { flag: 'wx' });
  await chmod(path, 0o700);
  let extension = typeof config.tempfile_extension === 'string' ? config.tempfile_extension : '';
  if (extension === '' && os === 'windows') extension = 'cmd';
  extension = extension.replace(/^\./, '');
  if (extension !== '') {
    await rename(path, `${path}.${extension}`);
    path = `${path}.${extension}`;
  }
  return path;
}
