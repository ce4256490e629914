/**
 * ssh2 is loaded on first connection only: most commands never open an SSH link, and loading it at
 * start-up would cost every command (test/startup-imports.test.ts keeps it out of the static graph).
 */
import type * as Ssh2 from 'ssh2';

let loading: Promise<typeof Ssh2> | undefined;

export function loadSsh2(): Promise<typeof Ssh2> {
  loading ??= import('ssh2').then(
    (mod) => ((mod as unknown as { default?: typeof Ssh2 }).default ?? mod) as typeof Ssh2,
  );
  return loading;
}
