/**
 * Packer uploads scripts through a reader that turns every line into a Unix line (`\r\n` → `\n`) and ends
 * the last line with `\n`, unless `binary` is set.
 */
export function toUnixLines(content: Buffer): Buffer {
  if (content.length === 0) return content;
  const text = content.toString('latin1');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return Buffer.from(lines.map((l) => `${l.replace(/\r$/, '')}\n`).join(''), 'latin1');
}
