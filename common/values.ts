/**
 * The value lists of stored columns that have no other home in common/: one source that
 * db/schema/* declares its columns with (`text({ enum: LIST })`) and that validation and the
 * client may read. Lists that belong to a subject live with it: categories, methods and
 * providers in settlement/order.ts, ledger instruments and reasons in schemas.ts, ledger
 * reference types in words.ts, instrument statuses and sources in wallet/instruments.ts,
 * invoice types and statuses in invoices.ts.
 */
import { LEDGER_INSTRUMENTS } from './schemas.ts';

export const TOP_UP_STATUSES = ['pending', 'paid', 'closed'] as const;
export const PAYMENT_CHANNELS = ['alipay', 'alipay_sandbox'] as const;
export const VALIDITY_KINDS = ['fixed', 'days'] as const;
export const CODE_STATUSES = ['unused', 'redeemed', 'voided'] as const;
export const PREPAID_ORDER_STATUSES = ['open', 'paid', 'refunded'] as const;
export const USER_ROLES = ['admin', 'viewer'] as const;

export const API_KEY_ROLES = ['operator', 'partner', 'metering', 'admin', 'viewer'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * Where a part of a charge came from: a wallet instrument, overdue, or the cloud account —
 * exactly what a ledger entry can move, so the one list serves both.
 */
export const PART_SOURCES = LEDGER_INSTRUMENTS;
