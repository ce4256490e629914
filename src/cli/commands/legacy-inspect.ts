/**
 * `packer inspect` of a legacy JSON template ("JSON mode"): the description, required variables, optional
 * variables with their raw defaults (aligned), builders by name (with the type when it differs), and the
 * provisioners; with -machine-readable also `template-variable`, `template-builder` and
 * `template-provisioner` lines. Sensitive defaults print as `<sensitive>`.
 */
import { compareStrings } from '../../hcl/go-strings.js';
import { asString } from '../../hcl/values.js';
import type { Template, Variable } from '../../template/model.js';
import type { CliUi } from '../ui.js';
import { isSensitiveValue, sensitiveText } from './sensitive.js';

function rawDefault(v: Variable): string {
  if (v.default?.state !== 'known') return '';
  if (v.sensitive || isSensitiveValue(v.default)) return sensitiveText;
  return asString(v.default);
}

function variablesSection(t: Template, ui: CliUi): void {
  if (t.variables.size === 0) {
    ui.say('Variables:\n');
    ui.say('  <No variables>');
    return;
  }
  const names = [...t.variables.keys()].sort(compareStrings);
  const required = names.filter((n) => !t.variables.get(n)!.default);
  if (required.length > 0) {
    ui.say('Required variables:\n');
    for (const n of required) {
      ui.machine('template-variable', n, '', '1');
      ui.say(`  ${n}`);
    }
    ui.say('');
  }
  ui.say('Optional variables and their defaults:\n');
  const width = Math.max(...names.map((n) => n.length));
  for (const n of names) {
    const v = t.variables.get(n)!;
    if (!v.default) continue;
    const value = rawDefault(v);
    ui.machine('template-variable', n, value, '0');
    ui.say(`  ${n.padEnd(width)} = ${value}`);
  }
}

function buildersSection(t: Template, ui: CliUi): void {
  ui.say('Builders:\n');
  const sources = [...t.sources.values()].sort((a, b) => compareStrings(a.name, b.name));
  if (sources.length === 0) {
    ui.say('  <No builders>');
    return;
  }
  const width = Math.max(...sources.map((s) => s.name.length));
  for (const s of sources) {
    ui.machine('template-builder', s.name, s.type);
    const padded = `  ${s.name.padEnd(width)}`;
    ui.say(s.name === s.type ? padded : `${padded} (${s.type})`);
  }
}

export function legacyInspect(t: Template, ui: CliUi): void {
  ui.say('Packer Inspect: JSON mode');
  const build = t.builds[0];
  if (build?.description) {
    ui.say('Description:\n');
    ui.say(`${build.description}\n`);
  }
  variablesSection(t, ui);
  ui.say('');
  buildersSection(t, ui);
  ui.say('');
  ui.say('Provisioners:\n');
  const provisioners = build?.provisioners ?? [];
  if (provisioners.length === 0) ui.say('  <No provisioners>');
  for (const p of provisioners) {
    ui.machine('template-provisioner', p.type);
    ui.say(`  ${p.type}`);
  }
  ui.say(
    "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.",
  );
}
