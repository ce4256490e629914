/** Packer's weak decoding of legacy configurations: one implementation, shared with the plugin decoder. */
export { weaklyTyped as weakValue } from '../weak-decode.js';
