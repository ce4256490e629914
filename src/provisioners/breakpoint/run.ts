/** The breakpoint provisioner's run (Packer's provisioner/breakpoint): pause until enter, unless disabled. */
import type { ProvisionContext } from '../../sdk/plugin.js';
import { abortReason } from '../common/timing.js';
import type { BreakpointConfig } from './config.js';

export async function runBreakpoint(config: BreakpointConfig, ctx: ProvisionContext): Promise<void> {
  const note = typeof config.note === 'string' ? config.note : '';
  if (config.disable === true) {
    ctx.ui.say(
      note !== ''
        ? `Breakpoint provisioner with note "${note}" disabled; continuing...`
        : 'Breakpoint provisioner disabled; continuing...',
    );
    return;
  }
  ctx.ui.say(
    note !== ''
      ? `Pausing at breakpoint provisioner with note "${note}".`
      : 'Pausing at breakpoint provisioner.',
  );
  if (ctx.signal.aborted) throw abortReason(ctx.signal);
  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(ctx.signal));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([
      ctx.ui.ask('Press enter to continue.').catch((err: unknown) => {
        throw new Error(`Error asking for input: ${(err as Error).message}`);
      }),
      cancelled,
    ]);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort!);
  }
}
