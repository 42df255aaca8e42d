/**
 * The charges filter as the form holds it (billing-period days as typed, read in
 * Asia/Shanghai) and as the API takes it: the list, its totals and the CSV export all get
 * the same filter, so the totals and the file are of exactly the charges listed.
 */
import type { ChargeCategory } from '../../../../../common/settlement/order.ts';
import { shanghaiDayEndMs, shanghaiDayStartMs } from '../../../console/shanghai.ts';

export interface ChargeFilterForm {
  readonly workspaceId: string;
  readonly category: ChargeCategory | '';
  /** "2026-11-01" or empty: the billing period touches this day or later. */
  readonly fromDay: string;
  /** "2026-11-30" or empty: the billing period touches this day or earlier. */
  readonly toDay: string;
}

export interface ChargeQuery {
  readonly accountId: string;
  readonly workspaceId?: string;
  readonly category?: ChargeCategory;
  readonly periodFromMs?: number;
  readonly periodToMs?: number;
}

export function chargeQuery(accountId: string, form: ChargeFilterForm): ChargeQuery {
  const periodFromMs = shanghaiDayStartMs(form.fromDay);
  const periodToMs = shanghaiDayEndMs(form.toDay);
  return {
    accountId,
    ...(form.workspaceId ? { workspaceId: form.workspaceId } : {}),
    ...(form.category ? { category: form.category } : {}),
    ...(periodFromMs === null ? {} : { periodFromMs }),
    ...(periodToMs === null ? {} : { periodToMs }),
  };
}

/** The CSV export of the same charges, in the UI's language (the session cookie signs in). */
export function chargesCsvHref(query: ChargeQuery, language: 'zh' | 'en'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  params.set('lang', language);
  return `/charges/export.csv?${params.toString()}`;
}
