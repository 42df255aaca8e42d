/**
 * What the activation-code verbs share: row types, a batch's view, the code secret and the
 * keyed hash codes are stored under (the rules are in codes.ts).
 */
import { count, eq } from 'drizzle-orm';
import { fenToAmount } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { activationBatches, activationCodes } from '../../../db/schema/index.ts';
import type { ServiceContext, WalletDeps } from '../../context.ts';
import { hex } from '../../auth/keys.ts';
import { settingOrCreate } from '../../settings.ts';

export type BatchRow = typeof activationBatches.$inferSelect;

export const CODE_COLUMNS = 9;

export type CodeRow = typeof activationCodes.$inferSelect;

export interface BatchView {
  readonly batchId: string;
  readonly denomination: string;
  readonly quantity: number;
  readonly codeDeadlineMs: number;
  readonly validity: ValidityInput;
  readonly note: string;
  readonly createdAtMs: number;
  readonly redeemed: number;
  readonly voided: number;
  readonly unused: number;
}

export async function batchView(ctx: ServiceContext, row: BatchRow): Promise<BatchView> {
  const counts = await ctx.database.db
    .select({ status: activationCodes.status, n: count() })
    .from(activationCodes)
    .where(eq(activationCodes.batchId, row.id))
    .groupBy(activationCodes.status);
  const of = (status: CodeRow['status']) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    batchId: row.id,
    denomination: fenToAmount(row.denominationFen),
    quantity: row.quantity,
    codeDeadlineMs: row.codeDeadlineMs,
    validity:
      row.validityKind === 'days'
        ? { kind: 'days', days: row.validityDays ?? 0 }
        : { kind: 'fixed', validFromMs: row.validFromMs ?? 0, expiresAtMs: row.expiresAtMs ?? 0 },
    note: row.note,
    createdAtMs: row.createdAtMs,
    redeemed: of('redeemed'),
    voided: of('voided'),
    unused: of('unused'),
  };
}

export async function codeSecret(deps: WalletDeps): Promise<string> {
  if (deps.config.codeSecret) return deps.config.codeSecret;
  return settingOrCreate(deps.database.db, 'activation_code_secret', async () =>
    hex(crypto.getRandomValues(new Uint8Array(32))),
  );
}

export async function keyedHash(secret: string, code: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(code)));
  return hex(mac);
}
