/**
 * Finding a resource whose create call was interrupted or lost its answer: the request may still land
 * (it was in flight) or be invisible for a moment (eventual consistency), so the lookup is repeated
 * for a few seconds before concluding that nothing was created.
 */
import { sleep } from '../../../../core/retry.js';

const PAUSES_MS = [250, 500, 1000, 2000];

export async function findUnconfirmed(
  find: () => Promise<string | undefined>,
  signal: AbortSignal,
): Promise<string | undefined> {
  for (const pause of [0, ...PAUSES_MS]) {
    if (pause > 0) await sleep(pause, signal);
    const id = await find();
    if (id !== undefined) return id;
  }
  return undefined;
}
