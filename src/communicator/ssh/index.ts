/**
 * The SSH communicator. Importing this module does not load ssh2; the first connection does.
 */
export { SshCommunicator } from './communicator.js';
export { SshConnectError, type SshFailureReason } from './errors.js';
export { fingerprint } from './host-key.js';
export {
  generateTemporaryKeyPair,
  type KeyPairOptions,
  type KeyPairType,
  type TemporaryKeyPair,
} from './keypair.js';
export {
  resolveSshOptions,
  SSH_DEFAULTS,
  type SshConfigOverrides,
  type SshEndpoint,
  type SshOptions,
  type SshOptionsInput,
  sshOptionsFromConfig,
} from './options.js';
export type { SshAttemptFailure, WaitOptions } from './wait.js';
