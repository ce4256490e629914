/**
 * StepConnect for an instance: the address follows Packer's SSHHost (ssh_host, else the ssh_interface's
 * address, else the public IP in a VPC, falling back to the private IP); the shared SSH step then waits
 * for the machine with the key from StepKeyPair. The wait ends early when the instance stops running,
 * and a failed wait shows the end of the instance's console output (GetConsoleOutput).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type ConnectSshTarget, stepConnectSsh } from '../../../common/connect-ssh.js';
import type { Step, StepContext } from '../../../../sdk/step.js';
import type { Instance } from '../../common/ec2-api.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { describeInstance } from './instance-waits.js';

/** How often the instance's state is checked while SSH is awaited. */
const WATCH_EVERY_MS = 10_000;
const CONSOLE_LINES = 15;

export function stepConnect(s: EbsSettings, config: Readonly<Record<string, unknown>>): Step<EbsState> {
  let target: ConnectSshTarget = {};
  let watching: AbortController | undefined;
  const inner = stepConnectSsh<EbsState>(config, () => target);
  return {
    name: 'StepConnect',
    async run(state, ctx) {
      if (s.communicator === 'none') return inner.run(state, ctx);
      const host = await sshHost(state, s, config, ctx);
      state.buildInfo = { ...state.buildInfo, Host: host };
      const id = state.instanceId;
      watching = new AbortController();
      target = {
        host,
        port: s.sshPort,
        privateKey: state.privateKey,
        retryDelayMs: 2000,
        probeBanner: true,
        gone: id ? instanceGone(state, id, watching.signal) : undefined,
        explain: id ? () => consoleTail(state, id) : undefined,
      };
      try {
        await inner.run(state, ctx);
      } finally {
        watching.abort();
      }
    },
    cleanup: (state, ctx) => inner.cleanup!(state, ctx),
    describeCleanup: (state) => inner.describeCleanup?.(state),
  };
}

/** Rejects when the instance leaves `running` while SSH is awaited; otherwise never settles. */
function instanceGone(state: EbsState, id: string, signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    void (async () => {
      while (!signal.aborted) {
        try {
          await delay(WATCH_EVERY_MS, undefined, { signal });
        } catch {
          return;
        }
        const instance = await describeInstance(state.ec2, id, signal).catch(() => undefined);
        const name = instance?.State?.Name;
        if (signal.aborted || name === undefined || name === 'running') continue;
        const reason = instance?.StateReason?.Message ?? instance?.StateTransitionReason;
        reject(
          new Error(`instance ${id} is ${name}${reason ? ` (${reason})` : ''}: stopped waiting for SSH`),
        );
        return;
      }
    })();
  });
}

async function consoleTail(state: EbsState, id: string): Promise<string | undefined> {
  try {
    const out = await state.ec2.call(
      'GetConsoleOutput',
      { InstanceId: id },
      { signal: AbortSignal.timeout(15_000) },
    );
    if (!out.Output) return undefined;
    const lines = Buffer.from(out.Output, 'base64').toString('utf8').trimEnd().split('\n');
    return `Last lines of the console output of ${id}:\n${lines.slice(-CONSOLE_LINES).join('\n')}`;
  } catch {
    return undefined;
  }
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
    await delay(1000, undefined, { signal: ctx.signal });
  }
  throw new Error("couldn't determine address for instance");
}
