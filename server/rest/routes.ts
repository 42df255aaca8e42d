/**
 * The REST API, version 1: the machine-facing procedures for callers that are not TypeScript
 * (docs/decisions/012-rest-openapi.md). Each route is the twin of a tRPC procedure — the same
 * input schema, the same service, the same error codes — and only translates HTTP: path and
 * query into the procedure's input, the service's answer into a status, a failure into
 * problem details (RFC 9457).
 *
 * Idempotency is the services': settling a charge id again, or activating a code again into
 * the same account, changes nothing and answers the stored result with `replayed: true` and
 * status 200 instead of 201.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { DomainError } from '../../common/errors.ts';
import {
  ActivateVoucherInput,
  AccountIdInput,
  ChargeIdInput,
  LedgerListInput,
  PreviewChargeInput,
  SettleBatchInput,
  SettleChargeInput,
} from '../../common/schemas.ts';
import { getAccount } from '../services/accounts/get.ts';
import { getCharge } from '../services/charges/get.ts';
import { previewCharge } from '../services/charges/preview.ts';
import { settleCharge, settleChargeBatch } from '../services/charges/settle.ts';
import { listLedger } from '../services/ledger/list.ts';
import { activateVoucher } from '../services/vouchers/codes.ts';
import { answerError, callerOf, parse, queryInput, type ContextOf } from './context.ts';
import { describe } from './describe.ts';
import {
  AccountSchema,
  ActivatedVoucherSchema,
  BatchResultSchema,
  ChargeSchema,
  LedgerPageSchema,
  PreviewSchema,
  SettledChargeSchema,
} from './responses.ts';

/** The body of a code activation: the account is in the path. */
const ActivateCodeBody = v.omit(ActivateVoucherInput, ['accountId']);
const LedgerQuery = v.omit(LedgerListInput, ['accountId']);
const LEDGER_NUMBERS = ['fromMs', 'toMs', 'cursor', 'limit'];

const REPLAY_NOTE =
  '201 when this call settled it; 200 with `replayed: true` when the id was settled before ' +
  '(nothing moved, the stored result is returned).';

export function restRoutes(contextOf: ContextOf): Hono {
  const app = new Hono();
  app.onError(answerError);

  app.post(
    '/charges',
    describe({
      operationId: 'settleCharge',
      summary: 'Settle a charge',
      description: `Idempotent on \`chargeId\`. ${REPLAY_NOTE} Twin of tRPC \`charges.settle\`.`,
      body: SettleChargeInput,
      answers: {
        201: ['Settled now', SettledChargeSchema],
        200: ['Settled before (replayed)', SettledChargeSchema],
      },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const charge = await settleCharge(ctx, parse(SettleChargeInput, await jsonBody(c)));
      return c.json(charge, charge.replayed ? 200 : 201);
    },
  );

  app.post(
    '/charges/batch',
    describe({
      operationId: 'settleChargeBatch',
      summary: 'Settle up to 500 charges',
      description:
        'Each charge is its own idempotent settlement and answers for itself in `results` ' +
        '(`ok`, `charge` with `replayed`, or `error` with its code). Twin of `charges.settleBatch`.',
      body: SettleBatchInput,
      answers: { 200: ['One result per charge, in order', BatchResultSchema] },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const input = parse(SettleBatchInput, await jsonBody(c));
      return c.json({ results: await settleChargeBatch(ctx, input.charges) }, 200);
    },
  );

  app.post(
    '/charges/preview',
    describe({
      operationId: 'previewCharge',
      summary: 'Preview how a charge would be paid',
      description: 'Writes nothing. Twin of tRPC `charges.preview`.',
      body: PreviewChargeInput,
      answers: { 200: ['The plan', PreviewSchema] },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      return c.json(await previewCharge(ctx, parse(PreviewChargeInput, await jsonBody(c))), 200);
    },
  );

  app.get(
    '/charges/:chargeId',
    describe({
      operationId: 'getCharge',
      summary: 'A settled charge',
      description: 'Twin of tRPC `charges.get`.',
      path: ChargeIdInput,
      answers: { 200: ['The charge', ChargeSchema] },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const { chargeId } = parse(ChargeIdInput, { chargeId: c.req.param('chargeId') });
      return c.json(await getCharge(ctx, chargeId), 200);
    },
  );

  app.get(
    '/accounts/:accountId',
    describe({
      operationId: 'getAccount',
      summary: 'Balances of an account',
      description:
        'Usable balances by kind, overdue, and what expires soon. Twin of `accounts.get`.',
      path: AccountIdInput,
      answers: { 200: ['The account', AccountSchema] },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const { accountId } = parse(AccountIdInput, { accountId: c.req.param('accountId') });
      return c.json(await getAccount(ctx, accountId), 200);
    },
  );

  app.get(
    '/accounts/:accountId/ledger',
    describe({
      operationId: 'listLedger',
      summary: 'The ledger of an account, newest first',
      description:
        "Keyset pages: pass the answer's `nextCursor` as `cursor` for the next page. " +
        'Twin of tRPC `ledger.list`.',
      path: AccountIdInput,
      query: LedgerQuery,
      answers: { 200: ['One page', LedgerPageSchema] },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const query = queryInput(c.req.query(), LEDGER_NUMBERS) as Record<string, unknown>;
      const input = parse(LedgerListInput, { ...query, accountId: c.req.param('accountId') });
      return c.json(await listLedger(ctx, input), 200);
    },
  );

  app.post(
    '/accounts/:accountId/codes/activate',
    describe({
      operationId: 'activateCode',
      summary: 'Activate a voucher code into an account',
      description:
        '201 when this call activated the code; 200 with `replayed: true` when the same ' +
        'account activated it before. Twin of tRPC `vouchers.activate` (same throttling).',
      path: AccountIdInput,
      body: ActivateCodeBody,
      answers: {
        201: ['Activated now', ActivatedVoucherSchema],
        200: ['Activated before (replayed)', ActivatedVoucherSchema],
      },
    }),
    async (c) => {
      const ctx = await callerOf(c, contextOf);
      const body = await jsonBody(c);
      const input = parse(ActivateVoucherInput, {
        ...objectOrEmpty(body),
        accountId: c.req.param('accountId'),
      });
      const voucher = await activateVoucher(ctx, input);
      return c.json(voucher, voucher.replayed ? 200 : 201);
    },
  );

  app.all('*', () => {
    throw new DomainError('ROUTE_NOT_FOUND', 'no such route: see /openapi.json');
  });
  return app;
}

/** The JSON body; one that does not parse is MALFORMED_REQUEST. */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new DomainError('MALFORMED_REQUEST', 'the request body is not valid JSON');
  }
}

/** A body that is not an object adds no fields (the schema then names what is missing). */
function objectOrEmpty(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
