/**
 * The registry's instrument tables (common/wallet/instruments.ts) as Drizzle tables: the one
 * place db/ names them, read by both stores' load and commit, the wallet view and expiry.
 */
import type { InstrumentTable } from '../../common/wallet/instruments.ts';
import { prepaidCards, vouchers } from '../schema/index.ts';

export const INSTRUMENT_SCHEMA = {
  vouchers,
  prepaid_cards: prepaidCards,
} as const satisfies Record<InstrumentTable, unknown>;

export type InstrumentSchema = (typeof INSTRUMENT_SCHEMA)[InstrumentTable];
