/**
 * Names of the values the server sends (ledger reasons and instruments, what an entry refers
 * to, charge categories, what paid a charge part), built from common/words.ts — the same
 * words the server writes into CSV exports.
 */
import { VALUE_WORDS, type Language, type ValueWords } from '../../../common/words.ts';
import type { PageDictionary } from './index.ts';

const PREFIXES: Readonly<Record<keyof ValueWords, string>> = {
  instrument: 'statement.instrument',
  reason: 'statement.reason',
  ref: 'statement.ref',
  category: 'components.category',
  source: 'components.source',
};

function dictionary(language: Language): Record<string, string> {
  const words = VALUE_WORDS[language];
  const entries = Object.entries(PREFIXES).flatMap(([group, prefix]) =>
    Object.entries(words[group as keyof ValueWords]).map(
      ([value, word]) => [`${prefix}.${value}`, word] as const,
    ),
  );
  return Object.fromEntries(entries);
}

export const values: PageDictionary = { en: dictionary('en'), zh: dictionary('zh') };
