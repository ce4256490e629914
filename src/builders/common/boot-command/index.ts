/** Packer's boot command: parsing, keysyms, pacing, and typing it over VNC (see run.ts). */
export { type KeyEvent, keyEvents, SPECIAL_KEYSYMS } from './keys.js';
export { type BootExpression, parseBootCommand, validateBootCommand } from './parse.js';
export { BootCommandError, type BootTemplateData, renderBootCommand } from './render.js';
export { type BootCommandRequest, type BootStep, bootSteps, typeBootCommand } from './run.js';
export {
  DEFAULT_KEY_INTERVAL_MS,
  type KeyEventSink,
  keyIntervalMs,
  parseGoDurationMs,
  typeExpressions,
} from './type.js';
