/** qemu-img command lines the ovf post-processor runs (pure, table-tested). */

/** Probes the image's format and virtual size (JSON output). */
export function infoArgs(qemuImg: string, path: string): string[] {
  return [qemuImg, 'info', '--output=json', path];
}

/**
 * A streamOptimized VMDK (compressed grains, the only VMDK variant OVF importers take) whose descriptor
 * names the same adapter as the OVF's disk controller; `-p` prints `(NN.NN/100%)` progress on stdout.
 */
export function toStreamOptimizedArgs(
  qemuImg: string,
  source: string,
  sourceFormat: string,
  target: string,
  adapterType: 'ide' | 'lsilogic',
): string[] {
  return [
    qemuImg,
    'convert',
    '-p',
    '-f',
    sourceFormat,
    '-O',
    'vmdk',
    '-o',
    `subformat=streamOptimized,adapter_type=${adapterType}`,
    source,
    target,
  ];
}

export function checkArgs(qemuImg: string, path: string, format: string): string[] {
  return [qemuImg, 'check', '-f', format, path];
}

/** The last percentage in a chunk of `qemu-img -p` output, if any. */
export function lastProgress(chunk: string): number | undefined {
  const all = [...chunk.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
  const last = all[all.length - 1];
  return last === undefined ? undefined : Number(last[1]);
}
