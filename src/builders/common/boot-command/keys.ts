/**
 * Boot command expressions → X11 keysym events, as Packer's VNC driver sends them
 * (bootcommand/vnc_driver.go): a character is its own keysym, held with left Shift when it is upper
 * case or one of the shifted US symbols; special keys use the keysyms QEMU's vnc_keysym.h knows.
 */
import type { BootExpression, KeyAction, SpecialKey } from './parse.js';

export const KEY_LEFT_SHIFT = 0xffe1;

const SHIFTED_CHARS = '~!@#$%^&*()_+{}|:"<>?';

export const SPECIAL_KEYSYMS: Readonly<Record<SpecialKey, number>> = {
  bs: 0xff08,
  del: 0xffff,
  down: 0xff54,
  end: 0xff57,
  enter: 0xff0d,
  esc: 0xff1b,
  f1: 0xffbe,
  f2: 0xffbf,
  f3: 0xffc0,
  f4: 0xffc1,
  f5: 0xffc2,
  f6: 0xffc3,
  f7: 0xffc4,
  f8: 0xffc5,
  f9: 0xffc6,
  f10: 0xffc7,
  f11: 0xffc8,
  f12: 0xffc9,
  home: 0xff50,
  insert: 0xff63,
  left: 0xff51,
  leftalt: 0xffe9,
  leftctrl: 0xffe3,
  leftshift: 0xffe1,
  leftsuper: 0xffeb,
  menu: 0xff67,
  pagedown: 0xff56,
  pageup: 0xff55,
  return: 0xff0d,
  right: 0xff53,
  rightalt: 0xffea,
  rightctrl: 0xffe4,
  rightshift: 0xffe2,
  rightsuper: 0xffec,
  spacebar: 0x20,
  tab: 0xff09,
  up: 0xff52,
  // Packer's grammar accepts these but its VNC map lacks them (an error there); Meta_L/Meta_R here.
  leftmeta: 0xffe7,
  rightmeta: 0xffe8,
};

/**
 * A character's keysym. Latin-1 characters are their own code (Packer's rule); newline and tab in a
 * boot command (HCL heredocs) are Return and Tab, which Packer would send as unmapped control codes;
 * other Unicode uses X11's 0x01000000 + code point.
 */
export function charKeysym(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\n' || char === '\r') return 0xff0d;
  if (char === '\t') return 0xff09;
  if (code <= 0xff) return code;
  return 0x01000000 + code;
}

function needsShift(char: string): boolean {
  return (char !== char.toLowerCase() && char === char.toUpperCase()) || SHIFTED_CHARS.includes(char);
}

export type KeyEvent = { readonly keysym: number; readonly down: boolean };

/** The key events of one expression (none for a wait). */
export function keyEvents(expr: BootExpression): KeyEvent[] {
  if (expr.kind === 'wait') return [];
  if (expr.kind === 'special') return withAction(SPECIAL_KEYSYMS[expr.key], expr.action, false);
  return withAction(charKeysym(expr.char), expr.action, needsShift(expr.char));
}

function withAction(keysym: number, action: KeyAction, shift: boolean): KeyEvent[] {
  const shiftDown = shift ? [{ keysym: KEY_LEFT_SHIFT, down: true }] : [];
  const shiftUp = shift ? [{ keysym: KEY_LEFT_SHIFT, down: false }] : [];
  if (action === 'on') return [...shiftDown, { keysym, down: true }];
  if (action === 'off') return [{ keysym, down: false }, ...shiftUp];
  return [...shiftDown, { keysym, down: true }, { keysym, down: false }, ...shiftUp];
}
