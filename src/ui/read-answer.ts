/** One line typed by the user, for Ui.ask(); rejects when input ends or the signal aborts (Ctrl-C). */

export function readAnswer(stdin: NodeJS.ReadableStream, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      signal?.removeEventListener('abort', onAbort);
      stdin.pause();
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      cleanup();
      const rest = buffered.slice(nl + 1);
      if (rest !== '') stdin.unshift(rest);
      resolve(buffered.slice(0, nl).trim());
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('no answer: input closed'));
    };
    const onAbort = () => {
      cleanup();
      reject(new Error('interrupted'));
    };
    if (signal?.aborted) {
      reject(new Error('interrupted'));
      return;
    }
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.resume();
  });
}
