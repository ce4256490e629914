/** The build output: createUi (tty, plain, machine-readable), the secret Masker, the masked debug log. */
export { createUi } from './create.js';
export { createBuildLogger, type BuildLogger } from './log.js';
export { createMasker, type Masker, sensitiveText } from './mask.js';
export type { BuildUi, UiMode, UiOptions, UiRoot } from './types.js';
