/**
 * StepConnect for an instance: the address follows Packer's SSHHost (ssh_host, else the ssh_interface's
 * address, else the public IP in a VPC, falling back to the private IP), then the SSH communicator
 * waits for the machine with the key from StepKeyPair.
 */
import type { Communicator } from '../../../../sdk/communicator.js';
import type { Step, StepContext } from '../../../../sdk/step.js';
import type { Instance } from '../../common/ec2-api.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { describeInstance } from './instance-waits.js';

export function stepConnect(s: EbsSettings, config: Readonly<Record<string, unknown>>): Step<EbsState> {
  return {
    name: 'StepConnect',
    async run(state, ctx) {
      if (s.communicator === 'none') {
        ctx.log.debug('communicator disabled, will not connect');
        return;
      }
      const host = await sshHost(state, s, config, ctx);
      state.buildInfo = { ...state.buildInfo, Host: host };
      state.communicator = await connect(config, host, s.sshPort, state.privateKey, ctx);
    },
    async cleanup(state) {
      await state.communicator?.close();
      state.communicator = undefined;
    },
    describeCleanup: (state) => (state.communicator ? 'the SSH connection' : undefined),
  };
}

/** The address Packer's SSHHost picks for this instance (pure, for one DescribeInstances answer). */
export function instanceAddress(
  instance: Instance,
  sshInterface: string | undefined,
  lastTry: boolean,
): string {
  switch (sshInterface) {
    case 'public_ip':
      return instance.PublicIpAddress ?? '';
    case 'private_ip':
      return instance.PrivateIpAddress ?? '';
    case 'public_dns':
      return instance.PublicDnsName ?? '';
    case 'private_dns':
      return instance.PrivateDnsName ?? '';
    case 'ipv6':
      return instance.Ipv6Address ?? '';
  }
  if (instance.VpcId) {
    if (instance.PublicIpAddress) return instance.PublicIpAddress;
    return lastTry ? (instance.PrivateIpAddress ?? '') : '';
  }
  return instance.PublicDnsName ?? '';
}

async function sshHost(
  state: EbsState,
  s: EbsSettings,
  config: Readonly<Record<string, unknown>>,
  ctx: StepContext,
): Promise<string> {
  if (typeof config.ssh_host === 'string' && config.ssh_host !== '') return config.ssh_host;
  const tries = 2;
  for (let i = 0; i <= tries; i++) {
    const instance = state.instance;
    if (!instance?.InstanceId) throw new Error('internal error: no instance');
    const host = instanceAddress(instance, s.sshInterface, i === tries);
    if (host !== '') return host;
    const fresh = await describeInstance(state.ec2, instance.InstanceId, ctx.signal);
    if (!fresh) throw new Error(`instance not found: ${instance.InstanceId}`);
    state.instance = fresh;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("couldn't determine address for instance");
}

async function connect(
  config: Readonly<Record<string, unknown>>,
  host: string,
  port: number,
  privateKey: string | undefined,
  ctx: StepContext,
): Promise<Communicator> {
  // ssh2 is loaded only here.
  const { SshCommunicator, sshOptionsFromConfig } = await import('../../../../communicator/ssh/index.js');
  const options = sshOptionsFromConfig(config, { host, port, privateKey });
  ctx.ui.say(`Using SSH communicator to connect: ${host}`);
  ctx.ui.say('Waiting for SSH to become available...');
  const communicator = await SshCommunicator.connect(options, {
    signal: ctx.signal,
    onAttemptFailed: (failure) =>
      ctx.ui.message(`SSH not available yet (attempt ${failure.attempt}): ${failure.message}`),
  });
  ctx.ui.say('Connected to SSH!');
  return communicator;
}
