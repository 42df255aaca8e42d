/** Translating values that come from the server: the known ones in words, others as sent. */
import { t } from '../lib/i18n.ts';

/** `t(key)`, or `fallback` when no dictionary has the key (t would echo the key). */
export function tOr(key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}
