/**
 * Where run ledgers live: `$IMGBUILD_STATE_DIR/ledger`, by default
 * `${XDG_STATE_HOME:-~/.local/state}/imgbuild/ledger` (state that outlives a run but is no cache:
 * deleting it loses track of leftovers). One journal file per run, named by the run's id.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.IMGBUILD_STATE_DIR) return path.resolve(env.IMGBUILD_STATE_DIR);
  const xdg = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : undefined;
  return path.join(xdg ?? path.join(homedir(), '.local', 'state'), 'imgbuild');
}

export function ledgerDir(env: NodeJS.ProcessEnv): string {
  return path.join(stateDir(env), 'ledger');
}

export const journalSuffix = '.jsonl';

export function journalPath(dir: string, runId: string): string {
  return path.join(dir, `${runId}${journalSuffix}`);
}
