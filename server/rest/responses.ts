/**
 * What the REST routes answer, as schemas for the OpenAPI document only: the services build
 * these values (their TypeScript types are the truth) and nothing validates a response
 * against them. Each schema is checked at compile time against its service's type to have
 * exactly the same fields (`SameKeys` below), so a field added to a view and forgotten here
 * fails the type check.
 */
import * as v from 'valibot';
import {
  CHARGE_CATEGORIES,
  CLOUD_PROVIDERS,
  SETTLEMENT_METHODS,
} from '../../common/settlement/order.ts';
import { LEDGER_INSTRUMENTS } from '../../common/schemas.ts';
import type { AccountOverview } from '../services/accounts/get.ts';
import type { ChargePreview } from '../services/charges/preview.ts';
import type { BatchItemResult, SettledCharge } from '../services/charges/settle.ts';
import type { ChargePartView } from '../services/charges/view.ts';
import type { LedgerEntryView, LedgerPage } from '../services/ledger/list.ts';
import type { VoucherView } from '../services/vouchers/view.ts';

const Money = v.pipe(v.string(), v.description('A decimal amount in CNY, e.g. "12.34"'));
const Ms = v.pipe(v.number(), v.description('An instant in epoch milliseconds'));
const nullable = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);

const PART_SOURCES = [
  'regular_voucher',
  'discount_voucher',
  'prepaid_card',
  'cash',
  'overdue',
  'cloud_account',
] as const;

const ChargePart = v.object({
  source: v.picklist(PART_SOURCES),
  instrumentId: nullable(v.string()),
  instrumentNumber: nullable(v.string()),
  amount: Money,
  balanceAfter: nullable(Money),
});

export const SettledChargeSchema = v.object({
  chargeId: v.string(),
  accountId: v.string(),
  workspaceId: v.string(),
  category: v.picklist(CHARGE_CATEGORIES),
  amount: Money,
  periodStartMs: Ms,
  periodEndMs: Ms,
  description: v.string(),
  settlementMethod: v.picklist(SETTLEMENT_METHODS),
  cloudProvider: nullable(v.picklist(CLOUD_PROVIDERS)),
  cloudAccountId: nullable(v.string()),
  paid: Money,
  overdue: Money,
  cloud: Money,
  settledAtMs: Ms,
  parts: v.array(ChargePart),
  replayed: v.pipe(
    v.boolean(),
    v.description('True when this charge id was settled before and nothing moved now'),
  ),
});

/** GET answers a stored charge: the same fields without `replayed`. */
export const ChargeSchema = v.omit(SettledChargeSchema, ['replayed']);

const ItemError = v.object({
  code: v.string(),
  message: v.string(),
  params: v.record(v.string(), v.unknown()),
});

export const BatchResultSchema = v.object({
  results: v.array(
    v.object({
      chargeId: v.string(),
      ok: v.boolean(),
      charge: nullable(SettledChargeSchema),
      error: nullable(ItemError),
    }),
  ),
});

export const PreviewSchema = v.object({
  workspaceId: v.string(),
  category: v.picklist(CHARGE_CATEGORIES),
  amount: Money,
  parts: v.array(ChargePart),
  paid: Money,
  remainder: Money,
  remainderSink: v.picklist(['overdue', 'cloud_account']),
});

const Usable = v.object({ usable: Money, count: v.number() });

export const AccountSchema = v.object({
  id: v.string(),
  name: v.string(),
  remittanceRef: v.string(),
  createdAtMs: Ms,
  cash: Money,
  overdue: Money,
  overdueSinceMs: nullable(Ms),
  balance: Money,
  regularVouchers: Usable,
  discountVouchers: Usable,
  prepaidCards: Usable,
  workspaceCount: v.number(),
  expiringSoon: v.array(
    v.object({
      kind: v.picklist(['regular_voucher', 'discount_voucher', 'prepaid_card']),
      id: v.string(),
      number: v.string(),
      balance: Money,
      expiresAtMs: Ms,
    }),
  ),
});

const LedgerEntry = v.object({
  entryId: v.number(),
  accountId: v.string(),
  workspaceId: nullable(v.string()),
  instrument: v.picklist(LEDGER_INSTRUMENTS),
  instrumentId: nullable(v.string()),
  amount: v.pipe(v.string(), v.description('Signed: negative when the instrument went down')),
  balanceAfter: nullable(Money),
  reason: v.string(),
  refType: v.string(),
  refId: v.string(),
  createdAtMs: Ms,
  instrumentNumber: nullable(v.string()),
  workspaceName: nullable(v.string()),
  reference: v.pipe(v.string(), v.description('What the entry refers to, as people quote it')),
  referenceDetail: nullable(v.string()),
  seq: v.pipe(
    nullable(v.number()),
    v.description("The entry's place in its account's hash chain; null on history not chained yet"),
  ),
  prevHash: v.pipe(nullable(v.string()), v.description('SHA-256 (hex) of the entry before it')),
  hash: v.pipe(
    nullable(v.string()),
    v.description('SHA-256 (hex) over prevHash and the entry (docs/decisions/014-ledger-hash-chain.md)'),
  ),
});

export const LedgerPageSchema = v.object({
  items: v.array(LedgerEntry),
  nextCursor: v.pipe(
    nullable(v.number()),
    v.description('Pass as `cursor` for the next page; null on the last page'),
  ),
});

export const ActivatedVoucherSchema = v.object({
  voucherId: v.string(),
  number: v.string(),
  accountId: v.string(),
  type: v.picklist(['regular', 'discount']),
  denomination: Money,
  balance: Money,
  status: v.picklist(['active', 'used_up', 'expired', 'voided']),
  activatedAtMs: Ms,
  validFromMs: Ms,
  expiresAtMs: Ms,
  replayed: v.boolean(),
});

/** True when A and B name the same fields; used only in the type checks below. */
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;
type Out<S extends v.GenericSchema> = v.InferOutput<S>;

// Compile-time: each schema has exactly its service type's fields.
const fieldsMatch: [
  SameKeys<Out<typeof SettledChargeSchema>, SettledCharge>,
  SameKeys<Out<typeof ChargePart>, ChargePartView>,
  SameKeys<Out<typeof BatchResultSchema>['results'][number], BatchItemResult>,
  SameKeys<Out<typeof PreviewSchema>, ChargePreview>,
  SameKeys<Out<typeof AccountSchema>, AccountOverview>,
  SameKeys<Out<typeof LedgerPageSchema>, LedgerPage>,
  SameKeys<Out<typeof LedgerEntry>, LedgerEntryView>,
  SameKeys<Out<typeof ActivatedVoucherSchema>, VoucherView & { replayed: boolean }>,
] = [true, true, true, true, true, true, true, true];
void fieldsMatch;

/** RFC 9457 problem details (server/http/problem.ts). */
export const ProblemSchema = v.object({
  type: v.pipe(v.string(), v.description('urn:account-wallet:problem:<code>')),
  title: v.string(),
  status: v.number(),
  detail: v.string(),
  code: v.pipe(v.string(), v.description('The stable domain code (docs/API.md lists them)')),
  params: v.record(v.string(), v.unknown()),
  errors: v.array(
    v.object({
      path: v.string(),
      code: v.string(),
      params: v.record(v.string(), v.unknown()),
      message: v.string(),
    }),
  ),
});
