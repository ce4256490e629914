/**
 * Packer's -machine-readable line: `timestamp,target,type,data…`, the timestamp in Unix seconds, each
 * data field with commas written as `%!(PACKER_COMMA)` and carriage returns and newlines as `\r`, `\n`.
 */

export function machineField(s: string): string {
  return s.replaceAll(',', '%!(PACKER_COMMA)').replaceAll('\r', '\\r').replaceAll('\n', '\\n');
}

export function machineLine(now: Date, target: string, type: string, args: readonly string[]): string {
  return `${Math.floor(now.getTime() / 1000)},${target},${type},${args.map(machineField).join(',')}\n`;
}
