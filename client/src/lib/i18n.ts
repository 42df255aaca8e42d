/**
 * Chinese and English, switchable and remembered (localStorage). Each page keeps its own
 * dictionary in client/src/i18n/<page>.ts; `t` looks a key up in the current language and
 * falls back to English, then to the key itself.
 */
import { createSignal } from 'solid-js';
import { dictionaries } from '../i18n/index.ts';

export type Language = 'zh' | 'en';
const STORAGE_KEY = 'wallet.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('en') ? 'en' : 'zh';
}

const [language, setLanguageSignal] = createSignal<Language>(initialLanguage());
export { language };
declareLanguage(language());

/** Tells the page (and screen readers) which language it is in. */
function declareLanguage(current: Language): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  }
}

export function setLanguage(next: Language): void {
  setLanguageSignal(next);
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, next);
  if (typeof document !== 'undefined')
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  const text = dictionaries[language()][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
