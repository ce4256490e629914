/** The last lines of the serial console log, for errors that must say what the guest was doing. */
import { open } from 'node:fs/promises';

const TAIL_BYTES = 16 * 1024;

export async function consoleTail(path: string, lines = 15): Promise<string | undefined> {
  let file: Awaited<ReturnType<typeof open>> | undefined;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    // Control characters (cursor moves, colour) would garble the message.
    const text = buffer
      .toString('utf8')
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    const kept = text
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '')
      .slice(-lines);
    return kept.length > 0 ? kept.join('\n') : undefined;
  } catch {
    return undefined;
  } finally {
    await file?.close();
  }
}
