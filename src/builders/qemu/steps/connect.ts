/**
 * The temporary SSH key (StepSSHKeyGen, when the template gives no key, password or agent) and the
 * connect step: SSH to the forwarded port on 127.0.0.1. The wait stops as soon as QEMU exits, and a
 * failed wait says what was tried and shows the last lines of the serial console.
 */
import { generateTemporaryKeyPair, type KeyPairType } from '../../../communicator/ssh/keypair.js';
import type { Step } from '../../../sdk/step.js';
import { stepConnectSsh } from '../../common/connect-ssh.js';
import { consoleTail } from '../console-log.js';
import type { QemuState } from '../state.js';

export function stepTemporaryKey(config: Readonly<Record<string, unknown>>): Step<QemuState> {
  return {
    name: 'StepSSHKeyGen',
    async run(state, ctx) {
      const given = (name: string) => typeof config[name] === 'string' && config[name] !== '';
      if (state.settings.communicator !== 'ssh') return;
      if (given('ssh_password') || given('ssh_private_key_file') || config.ssh_agent_auth === true) return;
      const type = (config.temporary_key_pair_type === 'ed25519' ? 'ed25519' : 'rsa') as KeyPairType;
      ctx.ui.say(`Creating temporary ${type === 'rsa' ? 'RSA' : 'ED25519'} SSH key for instance...`);
      const pair = generateTemporaryKeyPair({
        type,
        bits: typeof config.temporary_key_pair_bits === 'number' ? config.temporary_key_pair_bits : undefined,
      });
      ctx.ui.sensitive?.(pair.privateKey);
      state.privateKey = pair.privateKey;
      state.publicKey = pair.publicKey;
    },
  };
}

export function stepConnect(config: Readonly<Record<string, unknown>>): Step<QemuState> {
  const host = typeof config.ssh_host === 'string' && config.ssh_host !== '' ? config.ssh_host : '127.0.0.1';
  return stepConnectSsh<QemuState>(config, (state) => {
    const port = state.hostPort;
    return {
      host,
      port,
      privateKey: state.privateKey,
      // A local forwarded port answers at once when the guest is up: no need for Packer's 5 s pause.
      retryDelayMs: 1000,
      probeBanner: true,
      gone: state.vm?.exited.then((exit) => {
        const status = exit.code !== null ? `exit status ${exit.code}` : `signal ${exit.signal}`;
        throw new Error(
          `QEMU exited (${status}) before SSH became available${exit.stderrTail ? `:\n${exit.stderrTail}` : ''}`,
        );
      }),
      explain: async () => {
        const tried = `Tried: SSH to ${host}:${port} (forwarded to the guest's port ${state.settings.commPort}).`;
        const tail = await consoleTail(state.serialLogPath);
        return tail !== undefined
          ? `${tried}\nLast lines of the serial console (${state.serialLogPath}):\n${tail}`
          : `${tried}\nThe serial console (${state.serialLogPath}) is empty, or qemuargs sent it elsewhere.`;
      },
    };
  });
}
