import { z } from 'zod';

/**
 * The checks a setting's text goes through, shared by `loadConfig` (the gateway's own settings)
 * and the vendors' options schemas (`<v>.options.ts`), so one kind of value is checked, and
 * refused, the same way everywhere.
 */
export interface SettingRule<T> {
  /** What a good value looks like, as a refusal says it: `<NAME> <rule>, but got: <text>`. */
  readonly rule: string;
  /** The value the text stands for, or null when the text breaks the rule. */
  read(text: string): T | null;
}

/** One line of a refusal: what is wrong, the value received, and (in `rule`) what would do. */
export function refusal(name: string, rule: string, text: string): string {
  return `${name} ${rule}, but got: ${text}`;
}

/**
 * The setting `name` read from its `text` by `rule`: `fallback` when unset or empty; when the
 * text breaks the rule, `fallback` too, with the refusal line in `problem`.
 */
export function readSetting<T, F>(name: string, text: string | undefined, rule: SettingRule<T>, fallback: F): { value: T | F; problem: string | null } {
  if (text === undefined || text === '') return { value: fallback, problem: null };
  const value = rule.read(text);
  return value === null ? { value: fallback, problem: refusal(name, rule.rule, text) } : { value, problem: null };
}

export function wholeNumber(min: number, max: number): SettingRule<number> {
  return { rule: `must be a whole number from ${min} to ${max}`, read: (text) => wholeNumberIn(text, min, max) };
}

/** A duration in whole milliseconds; without `max`, any length from `min` on. */
export function milliseconds(min: number, max?: number): SettingRule<number> {
  const range = max === undefined ? `≥ ${min}` : `from ${min} to ${max}`;
  return { rule: `must be a whole number of milliseconds ${range}`, read: (text) => wholeNumberIn(text, min, max ?? Number.MAX_SAFE_INTEGER) };
}

export function flag(): SettingRule<boolean> {
  return {
    rule: 'must be true or false',
    read: (text) => (['true', '1', 'yes'].includes(text.toLowerCase()) ? true : ['false', '0', 'no'].includes(text.toLowerCase()) ? false : null),
  };
}

export function oneOf<T extends string>(allowed: readonly T[]): SettingRule<T> {
  return { rule: `must be one of ${allowed.join(', ')}`, read: (text) => (allowed as readonly string[]).includes(text) ? (text as T) : null };
}

/** A URL of one of `protocols` (`'https:'`, …); `spelled` names them in the refusal (default `a redis/rediss URL`). */
export function urlOf(protocols: readonly string[], spelled = `a ${protocols.map((p) => p.replace(':', '')).join('/')} URL`): SettingRule<string> {
  return {
    rule: `must be ${spelled}`,
    read: (text) => (URL.canParse(text) && protocols.includes(new URL(text).protocol) ? text : null),
  };
}

/** Comma-separated entries, each matching `entry` (blanks around commas and empty entries are dropped). */
export function commaList(entry: RegExp, spelled: string): SettingRule<readonly string[]> {
  return {
    rule: `must be a comma-separated list of ${spelled}`,
    read: (text) => {
      const items = text.split(',').map((item) => item.trim()).filter(Boolean);
      return items.every((item) => entry.test(item)) ? items : null;
    },
  };
}

/** Text matching `pattern`, described by `spelled`. */
export function matching(pattern: RegExp, spelled: string): SettingRule<string> {
  return { rule: `must be ${spelled}`, read: (text) => (pattern.test(text) ? text : null) };
}

/** Any text; an unset variable gives the fallback. */
export function anyText(): SettingRule<string> {
  return { rule: 'must be text', read: (text) => text };
}

/**
 * One key of a vendor's options schema: the variable's text read by `rule`, `fallback` when it is
 * unset or empty. A broken rule is an issue whose message is the rule; `parseVendorOptions`
 * adds the variable's name and the text received.
 */
export function optionField<T, F>(rule: SettingRule<T>, fallback: F) {
  return z
    .string()
    .optional()
    .transform((text, ctx): T | F => {
      if (text === undefined || text === '') return fallback;
      const value = rule.read(text);
      if (value !== null) return value;
      ctx.addIssue({ code: 'custom', message: rule.rule });
      return z.NEVER;
    });
}

function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}
