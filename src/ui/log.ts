/**
 * The build's debug log (IMGBUILD_LOG=1, IMGBUILD_LOG_PATH=file; Packer's PACKER_LOG): the command
 * logger of src/cli/log.ts with every line passed through the masker first, and per-build loggers
 * implementing the sdk's Logger with the build name in front (as Packer prefixes its plugins' lines).
 */
import { createLogger } from '../cli/log.js';
import type { Logger } from '../sdk/ui.js';
import type { Masker } from './mask.js';

export interface BuildLogger extends Logger {
  readonly enabled: boolean;
  log(message: string): void;
  /** The logger a build's plugins get: lines start with `[NAME] `. */
  forBuild(name: string): Logger;
}

export function createBuildLogger(
  env: NodeJS.ProcessEnv,
  stderr: NodeJS.WritableStream,
  cwd: string,
  masker: Masker,
  now?: () => Date,
): BuildLogger {
  const inner = createLogger(env, stderr, cwd, now);
  const log = (message: string) => {
    if (inner.enabled) inner.log(masker.mask(message));
  };
  return {
    enabled: inner.enabled,
    log,
    debug: log,
    forBuild: (name) => ({ debug: (m) => log(`[${name}] ${m}`) }),
  };
}
