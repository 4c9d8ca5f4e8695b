// Server-side localisation following VS Code's l10n convention: the English message is the key,
// `{0}`-style placeholders, and a translation bundle per locale. Bundles are JSON data files
// (one per feature, so features do not edit each other's files) merged at load.
import type { Localizer } from '../types';
import core from './zh-cn/core.json';
import figures from './zh-cn/figures.json';
import regions from './zh-cn/regions.json';
import phrases from './zh-cn/phrases.json';
import editor from './zh-cn/editor.json';
import standards from './zh-cn/standards.json';
import files from './zh-cn/files.json';
import store from './zh-cn/store.json';

const bundles: Record<string, Record<string, string>> = {
  'zh-cn': { ...core, ...figures, ...regions, ...phrases, ...editor, ...files, ...standards, ...store },
};

export function format(message: string, args: ReadonlyArray<string | number>): string {
  return message.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Maps an editor locale ('zh-CN', 'zh-cn', 'zh-tw', 'en-US', …) to a bundle name, or 'en'. */
export function bundleLocale(locale: string | undefined): string {
  const l = (locale ?? 'en').toLowerCase().replace('_', '-');
  if (l.startsWith('zh')) return 'zh-cn';
  return 'en';
}

export function createLocalizer(locale?: string): Localizer {
  const name = bundleLocale(locale);
  const bundle = bundles[name];
  const translate = (message: string, ...args: Array<string | number>) => format(bundle?.[message] ?? message, args);
  return Object.assign(translate, { locale: name, t: translate });
}

/** Every English key with its translation, for the test that keeps bundles complete. */
export function bundleKeys(): Record<string, Record<string, string>> {
  return bundles;
}
