/**
 * The text `packer inspect` prints for an HCL2 template (and `variables` prints in `packer console`):
 * variables and locals sorted by name with Go-quoted printable values, then each build's sources,
 * provisioners and post-processor chains.
 */
import { compareStrings, goQuote } from '../../hcl/go-strings.js';
import type { Template } from '../../template/model.js';
import { printableValue } from './sensitive.js';

export function variablesText(t: Pick<Template, 'variables' | 'locals'>): string {
  let out = '> input-variables:\n\n';
  for (const name of [...t.variables.keys()].sort(compareStrings)) {
    const v = t.variables.get(name)!;
    out += `var.${name}: ${goQuote(printableValue(v.value, v.sensitive))}\n`;
  }
  out += '\n> local-variables:\n\n';
  for (const name of [...t.locals.keys()].sort(compareStrings)) {
    const l = t.locals.get(name)!;
    out += `local.${name}: ${goQuote(printableValue(l.value, l.sensitive))}\n`;
  }
  return out;
}

const dotted = (type: string, name: string | undefined) => (name ? `${type}.${name}` : type);

export function buildsText(t: Template): string {
  let out = '> builds:\n';
  t.builds.forEach((build, i) => {
    out += `\n  > ${build.name || `<unnamed build ${i}>`}:\n`;
    if (build.description) out += `\n  > Description: ${build.description}\n`;
    out += '\n    sources:\n';
    if (build.sources.length === 0) out += '\n      <no source>\n';
    for (const s of build.sources) out += `\n      ${s.type}.${s.name}\n`;
    out += '\n    provisioners:\n\n';
    if (build.provisioners.length === 0) out += '      <no provisioner>\n';
    for (const p of build.provisioners) out += `      ${dotted(p.type, p.name)}\n`;
    out += '\n    post-processors:\n';
    if (build.postProcessorChains.length === 0) out += '\n      <no post-processor>\n';
    build.postProcessorChains.forEach((chain, j) => {
      out += `\n      ${j}:\n`;
      for (const pp of chain) out += `        ${dotted(pp.type, pp.name)}\n`;
    });
  });
  return out;
}
