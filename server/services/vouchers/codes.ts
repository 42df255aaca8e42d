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
 *
 * One verb per file (createCodeBatch, listCodeBatches, listCodes, activateVoucher, voidCode);
 * this module gathers them for the routers.
 */
export { type BatchView } from './codeParts.ts';
export { createCodeBatch, type CreatedBatch } from './createCodeBatch.ts';
export { listCodeBatches } from './listCodeBatches.ts';
export { listCodes, type CodeView } from './listCodes.ts';
export { activateVoucher } from './activateVoucher.ts';
export { voidCode } from './voidCode.ts';
