/**
 * Activation codes: an operator creates a batch for regular vouchers; an account admin
 * redeems a code into a voucher of their account.
 *
 * - Codes are shown once, at creation, and stored only as HMAC-SHA256 under the deployment's
 *   code secret (WALLET_CODE_SECRET, or one generated and kept in the database).
 * - Single use holds even when redemptions race, across processes: the redemption's
 *   idempotency key is the code, so the first write wins; the same account asking again gets
 *   its voucher back, any other account is told the code is used. Voiding a code takes the
 *   same key.
 * - Failed attempts are throttled per account and client address, per account and per
 *   address (attemptRules.ts), so accounts behind one proxy do not stop each other.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import {
  CODE_ALPHABET,
  CODE_BODY_LENGTH,
  formatCode,
  normalizeCode,
} from '../../../common/codes.ts';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { addDaysMs } from '../../../common/time.ts';
import { resolveValidity } from '../../../common/validity.ts';
import {
  accounts,
  activationBatches,
  activationCodes,
  operations,
} from '../../../db/schema/index.ts';
import type { ServiceContext, WalletDeps } from '../../context.ts';
import { hex } from '../../auth/keys.ts';
import { newId } from '../../ids.ts';
import { settingOrCreate } from '../../settings.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import { activationRules } from '../attemptRules.ts';
import { releaseAttempt, reserveAttempt } from '../throttle.ts';
import { creditNewVoucher } from './credit.ts';
import { voucherView, type VoucherView } from './view.ts';

type BatchRow = typeof activationBatches.$inferSelect;
const CODE_COLUMNS = 9;
type CodeRow = typeof activationCodes.$inferSelect;

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

export interface CreatedBatch extends BatchView {
  /** The codes, shown this once; null when the request was a replay. */
  readonly codes: readonly string[] | null;
}

interface BatchRequest {
  readonly requestId: string;
  readonly amount: string;
  readonly quantity: number;
  readonly codeDeadlineMs: number;
  readonly validity: ValidityInput;
  readonly note?: string | undefined;
}

export async function createCodeBatch(
  ctx: ServiceContext,
  input: BatchRequest,
): Promise<CreatedBatch> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const existing = await db.query.activationBatches.findFirst({
    where: eq(activationBatches.requestId, input.requestId),
  });
  if (existing) return replayBatch(ctx, existing, input);
  const nowMs = ctx.clock.nowMs();
  if (input.codeDeadlineMs <= nowMs) {
    throw new DomainError('INVALID_VALIDITY', 'codeDeadlineMs: is already past', [
      fieldIssue('codeDeadlineMs', 'ALREADY_PAST'),
    ]);
  }
  if (input.validity.kind === 'fixed') {
    resolveValidity(input.validity, nowMs);
    // A code redeemed just before its deadline must still get a voucher that pays.
    if (input.validity.expiresAtMs <= input.codeDeadlineMs) {
      const issue = fieldIssue('validity.expiresAtMs', 'VALIDITY_END_BEFORE_CODE_DEADLINE');
      throw new DomainError('INVALID_VALIDITY', `validity.expiresAtMs: ${issue.message}`, [issue]);
    }
  }
  const secret = await codeSecret(ctx);
  const batch: BatchRow = {
    id: newId('cb'),
    requestId: input.requestId,
    denominationFen: amountToFen(input.amount),
    quantity: input.quantity,
    codeDeadlineMs: input.codeDeadlineMs,
    validityKind: input.validity.kind,
    validityDays: input.validity.kind === 'days' ? input.validity.days : null,
    validFromMs: input.validity.kind === 'fixed' ? input.validity.validFromMs : null,
    expiresAtMs: input.validity.kind === 'fixed' ? input.validity.expiresAtMs : null,
    note: input.note ?? '',
    createdBy: ctx.actor.keyId,
    createdAtMs: nowMs,
  };
  const codes = Array.from({ length: input.quantity }, () => formatCode(randomBody()));
  const rows: CodeRow[] = [];
  for (const code of codes) {
    const canonical = code.replace(/-/g, '');
    rows.push({
      id: newId('code'),
      batchId: batch.id,
      codeHash: await keyedHash(secret, canonical),
      hint: canonical.slice(-4),
      status: 'unused',
      accountId: null,
      voucherId: null,
      redeemedAtMs: null,
      voidedAtMs: null,
    });
  }
  const chunks = [];
  const perStatement = Math.max(1, Math.floor(ctx.database.maxParams / CODE_COLUMNS));
  for (let i = 0; i < rows.length; i += perStatement) {
    chunks.push(db.insert(activationCodes).values(rows.slice(i, i + perStatement)));
  }
  try {
    await db.batch([db.insert(activationBatches).values(batch), ...chunks]);
  } catch (error) {
    // The same request raced us and won: answer as its replay.
    const winner = await db.query.activationBatches.findFirst({
      where: eq(activationBatches.requestId, input.requestId),
    });
    if (!winner) throw error;
    return replayBatch(ctx, winner, input);
  }
  return { ...(await batchView(ctx, batch)), codes };
}

/** The batch a request id already made: the same request gets it (without codes). */
async function replayBatch(
  ctx: ServiceContext,
  row: BatchRow,
  input: BatchRequest,
): Promise<CreatedBatch> {
  const view = await batchView(ctx, row);
  const same =
    row.denominationFen === amountToFen(input.amount) &&
    row.quantity === input.quantity &&
    row.codeDeadlineMs === input.codeDeadlineMs &&
    row.note === (input.note ?? '') &&
    JSON.stringify(view.validity) === JSON.stringify(canonicalValidity(input.validity));
  if (!same) {
    throw new DomainError(
      'IDEMPOTENCY_CONFLICT',
      `request ${row.requestId} was already used for a different batch`,
      [],
      { requestId: row.requestId },
    );
  }
  return { ...view, codes: null };
}

function canonicalValidity(validity: ValidityInput): ValidityInput {
  return validity.kind === 'days'
    ? { kind: 'days', days: validity.days }
    : { kind: 'fixed', validFromMs: validity.validFromMs, expiresAtMs: validity.expiresAtMs };
}

export async function listCodeBatches(ctx: ServiceContext): Promise<BatchView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select()
    .from(activationBatches)
    .orderBy(sql`${activationBatches.createdAtMs} DESC`)
    .limit(200);
  return Promise.all(rows.map((row) => batchView(ctx, row)));
}

export interface CodeView {
  readonly codeId: string;
  readonly hint: string;
  readonly status: CodeRow['status'];
  readonly accountId: string | null;
  /** The redeeming account's name, so operators read names rather than ids. */
  readonly accountName: string | null;
  readonly voucherId: string | null;
  readonly redeemedAtMs: number | null;
  readonly voidedAtMs: number | null;
}

export async function listCodes(ctx: ServiceContext, batchId: string): Promise<CodeView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select({ code: activationCodes, accountName: accounts.name })
    .from(activationCodes)
    .leftJoin(accounts, eq(accounts.id, activationCodes.accountId))
    .where(eq(activationCodes.batchId, batchId));
  return rows.map(({ code, accountName }) => ({
    codeId: code.id,
    hint: code.hint,
    status: code.status,
    accountId: code.accountId,
    accountName,
    voucherId: code.voucherId,
    redeemedAtMs: code.redeemedAtMs,
    voidedAtMs: code.voidedAtMs,
  }));
}

export async function activateVoucher(
  ctx: ServiceContext,
  input: { accountId: string; code: string },
): Promise<VoucherView & { replayed: boolean }> {
  requireAccountWrite(ctx.actor, input.accountId);
  const rules = activationRules(ctx.config, input.accountId, ctx.clientAddress);
  await reserveAttempt(ctx, rules);
  const result = await redeem(ctx, input.accountId, input.code);
  await releaseAttempt(ctx, rules);
  return result;
}

async function redeem(
  ctx: ServiceContext,
  accountId: string,
  typed: string,
): Promise<VoucherView & { replayed: boolean }> {
  const normalized = normalizeCode(typed);
  if (!normalized.ok) {
    const issue =
      normalized.problem === 'check'
        ? fieldIssue('code', 'CODE_CHECK_CHARACTER')
        : fieldIssue('code', 'CODE_FORMAT', { length: CODE_BODY_LENGTH + 1 });
    throw new DomainError('CODE_MISTYPED', `code: ${issue.message}`, [issue]);
  }
  const db = ctx.database.db;
  const hash = await keyedHash(await codeSecret(ctx), normalized.code);
  const [found] = await db
    .select({ code: activationCodes, batch: activationBatches })
    .from(activationCodes)
    .innerJoin(activationBatches, eq(activationBatches.id, activationCodes.batchId))
    .where(eq(activationCodes.codeHash, hash));
  if (!found) throw new DomainError('CODE_UNKNOWN', 'no such activation code');
  const { code, batch } = found;
  if (code.status === 'voided') throw new DomainError('CODE_VOIDED', 'this code was voided');
  const nowMs = ctx.clock.nowMs();
  const pastFixedDates = batch.validityKind === 'fixed' && nowMs >= (batch.expiresAtMs ?? 0);
  if (code.status === 'unused' && (nowMs >= batch.codeDeadlineMs || pastFixedDates)) {
    throw new DomainError('CODE_EXPIRED', 'this code can no longer be activated');
  }
  try {
    const outcome = await ctx.writer.submit({
      accountId,
      idempotency: {
        key: `activation_code:${code.id}`,
        request: JSON.stringify(['redeem', accountId]),
      },
      apply: (unit, account) => {
        const voucher = creditNewVoucher(unit, account, {
          type: 'regular',
          amountFen: batch.denominationFen,
          window: batchWindow(batch, unit.nowMs),
          source: 'activation_code',
          sourceRef: code.id,
          reason: 'voucher_activation',
        });
        unit.update({
          kind: 'codeRedeemed',
          id: code.id,
          accountId,
          voucherId: voucher.id,
          redeemedAtMs: unit.nowMs,
        });
        return voucherView(voucher);
      },
    });
    return { ...outcome.result, replayed: outcome.replayed };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'IDEMPOTENCY_CONFLICT') {
      throw new DomainError('CODE_USED', 'this code has already been used');
    }
    throw error;
  }
}

/** Voids an unused code: it can never be activated. */
export async function voidCode(
  ctx: ServiceContext,
  input: { codeId: string },
): Promise<CodeView & { replayed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const code = await db.query.activationCodes.findFirst({
    where: eq(activationCodes.id, input.codeId),
  });
  if (!code) {
    throw new DomainError('CODE_NOT_FOUND', `no code ${input.codeId}`, [], {
      codeId: input.codeId,
    });
  }
  if (code.status === 'redeemed')
    throw new DomainError('CODE_USED', 'this code has already been used');
  // Claims the code's key without touching any account, so a racing redemption loses.
  const nowMs = ctx.clock.nowMs();
  const key = `activation_code:${code.id}`;
  const request = JSON.stringify(['void']);
  const result = JSON.stringify({ codeId: code.id, voidedAtMs: nowMs });
  await db.batch([
    db
      .insert(operations)
      .values({ key, accountId: '', request, result, createdAtMs: nowMs })
      .onConflictDoNothing(),
    db
      .update(activationCodes)
      .set({ status: 'voided', voidedAtMs: nowMs })
      .where(
        and(
          eq(activationCodes.id, code.id),
          eq(activationCodes.status, 'unused'),
          sql`EXISTS (SELECT 1 FROM operations WHERE key = ${key} AND request = ${request})`,
        ),
      ),
  ]);
  const after = await db.query.activationCodes.findFirst({
    where: eq(activationCodes.id, code.id),
  });
  if (after?.status !== 'voided')
    throw new DomainError('CODE_USED', 'this code has already been used');
  return {
    codeId: after.id,
    hint: after.hint,
    status: after.status,
    accountId: after.accountId,
    // A voided code was never redeemed, so no account holds it.
    accountName: null,
    voucherId: after.voucherId,
    redeemedAtMs: after.redeemedAtMs,
    voidedAtMs: after.voidedAtMs,
    replayed: code.status === 'voided',
  };
}

function batchWindow(batch: BatchRow, activatedAtMs: number) {
  if (batch.validityKind === 'days') {
    return {
      validFromMs: activatedAtMs,
      expiresAtMs: addDaysMs(activatedAtMs, batch.validityDays ?? 0),
    };
  }
  return {
    validFromMs: batch.validFromMs ?? activatedAtMs,
    expiresAtMs: batch.expiresAtMs ?? activatedAtMs,
  };
}

async function batchView(ctx: ServiceContext, row: BatchRow): Promise<BatchView> {
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

function randomBody(): string {
  // 256 is a multiple of 32, so taking each byte mod 32 keeps every character equally likely.
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_BODY_LENGTH));
  return Array.from(bytes, (byte) => CODE_ALPHABET.charAt(byte % 32)).join('');
}

async function codeSecret(deps: WalletDeps): Promise<string> {
  if (deps.config.codeSecret) return deps.config.codeSecret;
  return settingOrCreate(deps.database.db, 'activation_code_secret', async () =>
    hex(crypto.getRandomValues(new Uint8Array(32))),
  );
}

async function keyedHash(secret: string, code: string): Promise<string> {
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
