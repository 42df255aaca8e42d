/**
 * A notification in words: its kind (an alert rule, or an event type) picks the sentence,
 * its data fills it. Amounts arrive as decimal strings and are shown as money.
 */
import { ALERT_RULES } from '../../../../../common/alerts.ts';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

/** The kinds with a sentence of their own: every alert rule, and the notices. */
const KNOWN = new Set<string>([...ALERT_RULES, 'webhook.endpoint_disabled']);

const AMOUNT = /^-?\d+\.\d{2}$/;

/** A parameter as people read it: amounts as money, everything else as it is. */
function shown(value: unknown): string {
  if (typeof value === 'string' && AMOUNT.test(value)) return cny(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}

export function noticeText(kind: string, data: Readonly<Record<string, unknown>>): string {
  if (!KNOWN.has(kind)) return t('notice.other', { kind });
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) values[name] = shown(value);
  return t(`notice.${kind}`, values);
}
