/** Exit-status rules shared by the script-running provisioners (Packer SDK shell.Provisioner). */
import { constants } from 'node:os';
import type { ExecResult } from '../../sdk/communicator.js';

/** The status Packer gives a command whose link dropped before it reported one (packersdk.CmdDisconnect). */
export const CMD_DISCONNECT = 2300218;

/** A remote command's status as Packer's SSH communicator reports it: a signal is 128 + its number. */
export function remoteExitStatus(result: ExecResult): number {
  if (result.exitCode !== null) return result.exitCode;
  if (result.signal) {
    const name = (
      result.signal.startsWith('SIG') ? result.signal : `SIG${result.signal}`
    ) as keyof typeof constants.signals;
    return 128 + (constants.signals[name] ?? 0);
  }
  return CMD_DISCONNECT;
}

/** Go's %v of an []int: `[0 2]`. */
function goIntList(codes: readonly number[]): string {
  return `[${codes.join(' ')}]`;
}

export function validExitCodes(config: Record<string, unknown>): number[] {
  const codes = config.valid_exit_codes;
  return Array.isArray(codes) && codes.length > 0 ? (codes as number[]) : [0];
}

/** Packer's ErrorInvalidExitCode text (the SDK really has no space after the period), or undefined. */
export function invalidExitCodeMessage(code: number, allowed: readonly number[]): string | undefined {
  if (allowed.includes(code)) return undefined;
  return `Script exited with non-zero exit status: ${code}.Allowed exit codes are: ${goIntList(allowed)}`;
}
