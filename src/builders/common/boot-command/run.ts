/**
 * Packer qemu's stepTypeBootCommand as one call: wait boot_wait, connect to the VM's VNC server,
 * then for each boot step render its template, parse it and type it. `boot_command` is one step (its
 * strings joined); `boot_steps` are [keys, description] pairs announced one by one.
 */
import type { Logger, Ui } from '../../../sdk/ui.js';
import { RfbClient } from '../vnc/rfb-client.js';
import { formatGoDuration, parseBootCommand, validateBootCommand } from './parse.js';
import { BootCommandError, type BootTemplateData, renderBootCommand } from './render.js';
import { type KeyEventSink, keyIntervalMs, sleep, typeExpressions } from './type.js';

export type BootStep = readonly [keys: string, description?: string];

export interface BootCommandRequest {
  readonly vnc: { readonly host: string; readonly port: number; readonly password?: string };
  readonly steps: readonly BootStep[];
  readonly data: BootTemplateData;
  /** boot_wait in ms; zero or negative types at once (Packer: "-1s"). */
  readonly bootWaitMs?: number;
  /** boot_key_interval in ms (0/undefined: $PACKER_KEY_INTERVAL, else 100 ms). */
  readonly keyIntervalMs?: number;
  /** boot_keygroup_interval in ms. */
  readonly groupIntervalMs?: number;
  readonly signal?: AbortSignal;
  readonly ui?: Pick<Ui, 'say'>;
  readonly log?: Logger;
  /** Called after each step is typed (where -debug pauses). */
  readonly afterStep?: (step: BootStep, rendered: string) => Promise<void>;
  /** Instead of a VNC connection (tests). */
  readonly sink?: KeyEventSink;
}

/** boot_command (joined, as Packer's FlatBootCommand) when given, else boot_steps. */
export function bootSteps(
  bootCommand: readonly string[] | undefined,
  steps?: readonly (readonly string[])[],
): BootStep[] {
  const flat = (bootCommand ?? []).join('');
  if (flat !== '') return [[flat]];
  return (steps ?? []).filter((s) => s.length > 0).map((s) => [s[0]!, s[1]] as BootStep);
}

export async function typeBootCommand(request: BootCommandRequest): Promise<void> {
  const { signal, ui } = request;
  const steps = request.steps.filter(([keys]) => keys !== '');
  if (steps.length === 0) return;
  const bootWait = request.bootWaitMs ?? 10_000;
  if (bootWait > 0) {
    ui?.say(`Waiting ${formatGoDuration(bootWait)} for boot...`);
    await sleep(bootWait, signal);
  }
  let client: RfbClient | undefined;
  let sink = request.sink;
  if (sink === undefined) {
    ui?.say(`Connecting to VM via VNC (${request.vnc.host}:${request.vnc.port})`);
    client = await RfbClient.connect({ ...request.vnc, signal });
    request.log?.debug(`Connected to VNC desktop: ${client.desktopName}`);
    sink = client;
  }
  try {
    ui?.say('Typing the boot commands over VNC...');
    const keyInterval = keyIntervalMs(request.keyIntervalMs);
    for (const step of steps) {
      if (step[1]) ui?.say(`Typing boot command for: ${step[1]}`);
      const rendered = renderBootCommand(step[0], request.data);
      const expressions = parseBootCommand(rendered);
      const invalid = validateBootCommand(expressions);
      if (invalid.length > 0)
        throw new BootCommandError(`Error generating boot command: ${invalid.join('; ')}`);
      try {
        await typeExpressions(expressions, sink, {
          keyIntervalMs: keyInterval,
          groupIntervalMs: request.groupIntervalMs,
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new BootCommandError(`Error running boot command: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await request.afterStep?.(step, rendered);
    }
  } finally {
    await client?.close();
  }
}
