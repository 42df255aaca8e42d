/** An operator creates a batch of activation codes, shown once; idempotent on the request id. */
import { eq } from 'drizzle-orm';
import { CODE_ALPHABET, CODE_BODY_LENGTH, formatCode } from '../../../common/codes.ts';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { amountToFen } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { resolveValidity } from '../../../common/validity.ts';
import { activationBatches, activationCodes } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { requireRole } from '../access.ts';
import {
  type BatchRow,
  CODE_COLUMNS,
  type CodeRow,
  type BatchView,
  batchView,
  codeSecret,
  keyedHash,
} from './codeParts.ts';

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

function randomBody(): string {
  // 256 is a multiple of 32, so taking each byte mod 32 keeps every character equally likely.
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_BODY_LENGTH));
  return Array.from(bytes, (byte) => CODE_ALPHABET.charAt(byte % 32)).join('');
}
