/** Typing a boot command over VNC (Packer SDK bootcommand.VNCConfig). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { nameSuggestion } from '../../hcl/did-you-mean.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { bool, duration, strList } from '../../sdk/schema-helpers.js';
import { SPECIAL_KEYS as GRAMMAR_KEYS, parseBootCommand, validateBootCommand } from './boot-command/parse.js';
import { type Config, given } from './prepare-helpers.js';

export const bootProperties: Record<string, JsonSchema> = {
  boot_keygroup_interval: duration('Pause between groups of keys (`<wait>`-free runs).'),
  boot_wait: duration('Time to wait after booting before typing the boot command.', { default: '10s' }),
  boot_command: strList('Keystrokes typed at boot, e.g. "<esc><wait>", "linux ks=…<enter>".'),
};

export const vncBootProperties: Record<string, JsonSchema> = {
  ...bootProperties,
  disable_vnc: bool('Do not start VNC (no boot command can be typed then).'),
  boot_key_interval: duration('Pause between keystrokes of the boot command.'),
};

export function prepareVncBoot(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (given(config, ctx, 'boot_command') && config.disable_vnc === true) {
    diags.push(ctx.error('boot_command', 'A boot command cannot be used when vnc is disabled.', ''));
  }
  diags.push(...checkBootKeys(config, ctx));
  diags.push(...checkBootWaits(config, ctx));
  return diags;
}

/** Packer's BootConfig.Prepare: every `<wait…>` must be positive (`<wait0>`, `<wait-1s>` are errors). */
function checkBootWaits(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [name, list] of bootLists(config)) {
    if (!Array.isArray(list) || !ctx.isKnown(name)) continue;
    list.forEach((text, i) => {
      if (typeof text !== 'string') return;
      for (const message of validateBootCommand(parseBootCommand(text))) {
        diags.push(
          ctx.error(`${name}.${i}`, message, 'Give a positive duration: <wait>, <wait5>, <wait500ms>.'),
        );
      }
    });
  }
  return diags;
}

/** boot_command, and the key text of each boot_steps entry, by attribute path. */
function bootLists(config: Config): [string, unknown][] {
  const lists: [string, unknown][] = [['boot_command', config.boot_command]];
  if (Array.isArray(config.boot_steps)) {
    config.boot_steps.forEach((step, i) => {
      if (Array.isArray(step)) lists.push([`boot_steps.${i}`, [step[0]]]);
    });
  }
  return lists;
}

/** The special keys of Packer's grammar, lower case (`<enter>`, `<leftAltOn>`…). */
const SPECIAL_KEYS: readonly string[] = GRAMMAR_KEYS;

/**
 * A `<word>` that is no special key is typed letter by letter, as Packer does; when it is one edit
 * or two away from a key (`<enterr>`, `<wiat5>`), that is almost surely a typo: warn at the element.
 */
function checkBootKeys(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [name, list] of bootLists(config)) {
    if (!Array.isArray(list) || !ctx.isKnown(name)) continue;
    list.forEach((text, i) => {
      if (typeof text !== 'string') return;
      for (const m of text.matchAll(/<([A-Za-z][A-Za-z0-9]*)>/g)) {
        const typo = bootKeyTypo(m[1]!);
        if (typo === undefined) continue;
        diags.push(
          ctx.warning(
            `${name}.${i}`,
            `Unknown boot command key <${m[1]}>`,
            `It is typed as the text "<${m[1]}>". Did you mean <${typo}>?`,
          ),
        );
      }
    });
  }
  return diags;
}

function bootKeyTypo(word: string): string | undefined {
  const lower = word.toLowerCase();
  const key = lower.replace(/(on|off)$/, '');
  if (SPECIAL_KEYS.includes(key) || SPECIAL_KEYS.includes(lower)) return undefined;
  if (/^wait(\d|$)/.test(word)) return undefined;
  // A single character with on/off holds that key: <aOn>.
  if (key.length === 1 && key !== lower) return undefined;
  // Short words (<br>, <ok>) are too close to some key by chance to call them typos.
  if (key.length < 3) return undefined;
  const suggestion = nameSuggestion(lower, [...SPECIAL_KEYS, 'wait']);
  if (suggestion === undefined) return undefined;
  return word.endsWith('On') || word.endsWith('Off')
    ? `${suggestion}${word.endsWith('On') ? 'On' : 'Off'}`
    : suggestion;
}
