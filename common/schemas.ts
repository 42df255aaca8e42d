/**
 * Input schemas of every procedure, shared by the server (validation) and the client (forms).
 * Amounts stay decimal strings here; services turn them into fen with `amountToFen`.
 * Every message names the reason; the transport adds the field path.
 */
import * as v from 'valibot';
import {
  INVOICE_STATUSES,
  INVOICE_TYPES,
  REQUIRED_BUYER_DETAILS,
  TAX_ID_PATTERN,
  type BuyerDetail,
} from './invoices.ts';
import { MAX_AMOUNT_FEN, fenToAmount, parseAmountFen } from './money.ts';
import { CHARGE_CATEGORIES, CLOUD_PROVIDERS } from './settlement/order.ts';
import { isCardDenomination } from './tiers.ts';

const MAX_AMOUNT = fenToAmount(MAX_AMOUNT_FEN);

/** A money amount on the wire: "1234.56". Zero allowed; see PositiveAmount. */
export const Amount = v.config(
  v.pipe(
    v.string('must be a decimal string such as "12.34"'),
    v.nonEmpty('must not be empty'),
    v.check((text) => {
      const parsed = parseAmountFen(text);
      return parsed.ok || parsed.problem !== 'format';
    }, 'must be a non-negative decimal with at most two decimals, such as "12.34" (no exponent)'),
    v.check((text) => parseAmountFen(text).ok, `must not exceed ${MAX_AMOUNT}`),
  ),
  { abortPipeEarly: true },
);

export const PositiveAmount = v.config(
  v.pipe(
    Amount,
    v.check((text) => {
      const parsed = parseAmountFen(text);
      return parsed.ok && parsed.fen > 0;
    }, 'must be greater than zero'),
  ),
  { abortPipeEarly: true },
);

const Id = v.pipe(
  v.string('must be a string'),
  v.nonEmpty('must not be empty'),
  v.maxLength(128, 'must be at most 128 characters'),
);

/** Caller-chosen keys (charge ids, request ids, workspace ids): printable, no spaces. */
export const ClientKey = v.pipe(
  Id,
  v.regex(
    /^[A-Za-z0-9][A-Za-z0-9._:\-]*$/,
    'may contain only letters, digits and . _ : - and must start with a letter or digit',
  ),
);

const EpochMs = v.pipe(
  v.number('must be a number of milliseconds since the epoch'),
  v.safeInteger('must be a whole number of milliseconds'),
  v.minValue(0, 'must not be negative'),
);

const Label = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.maxLength(200, 'must be at most 200 characters'),
);

const Limit = v.optional(
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(500, 'must be at most 500'),
  ),
);

/** Validity of an instrument: fixed dates, or a number of days from activation. */
export const Validity = v.variant('kind', [
  v.object({
    kind: v.literal('fixed'),
    validFromMs: EpochMs,
    expiresAtMs: EpochMs,
  }),
  v.object({
    kind: v.literal('days'),
    days: v.pipe(
      v.number('must be a number of days'),
      v.integer('must be a whole number of days'),
      v.minValue(1, 'must be at least 1 day'),
      v.maxValue(3660, 'must be at most 3660 days'),
    ),
  }),
]);
export type ValidityInput = v.InferOutput<typeof Validity>;

export const AccountIdInput = v.object({ accountId: Id });

export const CreateAccountInput = v.object({ name: Label });

export const ListAccountsInput = v.object({
  search: v.optional(v.pipe(v.string(), v.maxLength(200, 'must be at most 200 characters'))),
  cursor: v.optional(Id),
  limit: Limit,
});

export const CreateAccountKeyInput = v.object({
  accountId: Id,
  role: v.picklist(['admin', 'viewer'], 'must be "admin" or "viewer"'),
  label: Label,
});

export const CreateServiceKeyInput = v.object({
  role: v.picklist(
    ['operator', 'partner', 'metering'],
    'must be "operator", "partner" or "metering"',
  ),
  label: Label,
});

const SettlementChoice = v.variant('method', [
  v.object({ method: v.literal('billing_center') }),
  v.object({
    method: v.literal('cloud_account'),
    cloudProvider: v.picklist(CLOUD_PROVIDERS, `must be one of ${CLOUD_PROVIDERS.join(', ')}`),
    cloudAccountId: ClientKey,
  }),
]);
export type SettlementChoiceInput = v.InferOutput<typeof SettlementChoice>;

export const CreateWorkspaceInput = v.object({
  accountId: Id,
  workspaceId: ClientKey,
  name: Label,
  settlement: v.optional(SettlementChoice),
});

export const WorkspaceIdInput = v.object({ workspaceId: ClientKey });

export const SetSettlementMethodInput = v.object({
  workspaceId: ClientKey,
  settlement: SettlementChoice,
});

export const RecordBankTransferInput = v.object({
  reference: v.pipe(ClientKey, v.maxLength(32, 'must be at most 32 characters')),
  bankSerial: ClientKey,
  amount: PositiveAmount,
  receivedAtMs: v.optional(EpochMs),
});

export const IssueVoucherInput = v.object({
  accountId: Id,
  requestId: ClientKey,
  amount: PositiveAmount,
  validity: Validity,
});

export const InstrumentListInput = v.object({
  accountId: Id,
  status: v.optional(
    v.picklist(['active', 'used_up', 'expired', 'voided'], 'is not a known status'),
  ),
});

export const DistributeCardInput = v.object({
  accountId: Id,
  distributionId: ClientKey,
  amount: PositiveAmount,
  validity: v.optional(Validity),
});

const ChargeFields = {
  chargeId: ClientKey,
  workspaceId: ClientKey,
  category: v.picklist(CHARGE_CATEGORIES, `must be one of ${CHARGE_CATEGORIES.join(', ')}`),
  amount: PositiveAmount,
  periodStartMs: EpochMs,
  periodEndMs: EpochMs,
  description: v.pipe(
    v.string('must be a string'),
    v.maxLength(500, 'must be at most 500 characters'),
  ),
};

export const SettleChargeInput = v.pipe(
  v.object(ChargeFields),
  v.forward(
    v.check((c) => c.periodEndMs >= c.periodStartMs, 'must not be before periodStartMs'),
    ['periodEndMs'],
  ),
);
export type SettleChargeData = v.InferOutput<typeof SettleChargeInput>;

export const SettleBatchInput = v.object({
  charges: v.pipe(
    v.array(SettleChargeInput, 'must be a list of charges'),
    v.minLength(1, 'must hold at least one charge'),
    v.maxLength(500, 'must hold at most 500 charges'),
  ),
});

export const ChargeIdInput = v.object({ chargeId: ClientKey });

export const ListChargesInput = v.object({
  accountId: v.optional(Id),
  workspaceId: v.optional(ClientKey),
  category: v.optional(v.picklist(CHARGE_CATEGORIES, 'is not a known category')),
  cursor: v.optional(v.string()),
  limit: Limit,
});

export const PreviewChargeInput = v.object({
  workspaceId: ClientKey,
  category: ChargeFields.category,
  amount: PositiveAmount,
});

export const LEDGER_INSTRUMENTS = [
  'cash',
  'overdue',
  'regular_voucher',
  'discount_voucher',
  'prepaid_card',
  'cloud_account',
] as const;
export type LedgerInstrument = (typeof LEDGER_INSTRUMENTS)[number];

export const LEDGER_REASONS = [
  'charge',
  'bank_transfer',
  'top_up',
  'overdue_payoff',
  'voucher_issue',
  'voucher_activation',
  'purchase_tier',
  'card_distribution',
  'card_purchase',
  'order_payment',
  'order_refund',
  'expiry',
  'void',
] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

export const LedgerFilterInput = v.object({
  accountId: Id,
  instrument: v.optional(v.picklist(LEDGER_INSTRUMENTS, 'is not a known instrument kind')),
  instrumentId: v.optional(Id),
  reason: v.optional(v.picklist(LEDGER_REASONS, 'is not a known reason')),
  workspaceId: v.optional(ClientKey),
  fromMs: v.optional(EpochMs),
  toMs: v.optional(EpochMs),
});

export const LedgerListInput = v.object({
  ...LedgerFilterInput.entries,
  cursor: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'))),
  limit: Limit,
});
export type LedgerFilter = v.InferOutput<typeof LedgerFilterInput>;

const RequestId = ClientKey;
const Quantity = (max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(max, `must be at most ${max}`),
  );

/** A card denomination: whole hundreds of CNY, at least 100. */
export const CardDenomination = v.pipe(
  PositiveAmount,
  v.check((text) => {
    const parsed = parseAmountFen(text);
    return parsed.ok && isCardDenomination(parsed.fen);
  }, 'must be a multiple of 100.00 and at least 100.00'),
);

export const QuoteCardsInput = v.object({
  denomination: CardDenomination,
  quantity: Quantity(100),
});

export const PurchaseCardsInput = v.object({
  accountId: Id,
  requestId: RequestId,
  denomination: CardDenomination,
  quantity: Quantity(100),
});

export const CreateOrderInput = v.object({
  accountId: Id,
  requestId: RequestId,
  product: Label,
  amount: PositiveAmount,
});

export const OrderIdInput = v.object({ orderId: Id });

export const CheckoutOrderInput = v.object({
  orderId: Id,
  useCards: v.boolean('must be true or false'),
});

export { INVOICE_TYPES } from './invoices.ts';

const Phone = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.regex(/^\+?[0-9][0-9 ()-]{4,28}[0-9]$/, 'must be a phone number such as "021-12345678"'),
);

const BankAccount = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.regex(/^[0-9][0-9 -]{6,38}[0-9]$/, 'must be 8 to 40 digits (spaces or dashes between)'),
);

/** A buyer detail a special VAT invoice needs, checked on any kind that sends it. */
function requiredFor(field: BuyerDetail) {
  return v.forward<RequestInvoiceFields, v.BaseIssue<unknown>, [BuyerDetail]>(
    v.partialCheck(
      [['type'], [field]],
      (input: Pick<RequestInvoiceFields, 'type' | BuyerDetail>) =>
        !REQUIRED_BUYER_DETAILS[input.type].includes(field) || input[field] !== undefined,
      'is required for a special VAT invoice',
    ),
    [field],
  );
}

const RequestInvoiceObject = v.object({
  accountId: Id,
  requestId: RequestId,
  /** The buyer's name (购买方名称), printed as the invoice title. */
  title: Label,
  taxId: v.pipe(
    v.string('must be a string'),
    v.regex(TAX_ID_PATTERN, 'must be 15, 18 or 20 digits or capital letters'),
  ),
  amount: PositiveAmount,
  email: v.pipe(v.string('must be a string'), v.email('must be an email address')),
  type: v.picklist(INVOICE_TYPES, 'must be "general" or "special"'),
  /** Registered address (注册地址); required for a special VAT invoice, as are the next. */
  address: v.optional(Label),
  phone: v.optional(Phone),
  bankName: v.optional(Label),
  bankAccount: v.optional(BankAccount),
});
type RequestInvoiceFields = v.InferOutput<typeof RequestInvoiceObject>;

export const RequestInvoiceInput = v.pipe(
  RequestInvoiceObject,
  requiredFor('address'),
  requiredFor('phone'),
  requiredFor('bankName'),
  requiredFor('bankAccount'),
);

export const InvoiceIdInput = v.object({ invoiceId: Id });

export const IssueInvoiceInput = v.object({
  invoiceId: Id,
  invoiceNumber: v.pipe(
    v.string('must be a string'),
    v.regex(/^[0-9A-Za-z-]{8,32}$/, 'must be 8 to 32 letters, digits or dashes'),
  ),
});

export const RejectInvoiceInput = v.object({ invoiceId: Id, reason: Label });

export const InvoiceQueueInput = v.object({
  status: v.optional(v.picklist(INVOICE_STATUSES, 'is not a known status')),
  accountId: v.optional(Id),
});

export const CreateTopUpInput = v.object({ accountId: Id, amount: PositiveAmount });

export const ListTopUpsInput = v.object({
  accountId: Id,
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'must be at most 200 characters'))),
  limit: Limit,
});

export const CreateCodeBatchInput = v.object({
  requestId: RequestId,
  amount: PositiveAmount,
  quantity: Quantity(1000),
  codeDeadlineMs: EpochMs,
  validity: Validity,
  note: v.optional(v.pipe(v.string(), v.maxLength(200, 'must be at most 200 characters'))),
});

export const ActivateVoucherInput = v.object({
  accountId: Id,
  code: v.pipe(
    v.string('must be a string'),
    v.nonEmpty('must not be empty'),
    v.maxLength(64, 'must be at most 64 characters'),
  ),
});

export const BatchIdInput = v.object({ batchId: Id });
export const CodeIdInput = v.object({ codeId: Id });
export const VoucherIdInput = v.object({ voucherId: Id });

export const SignInInput = v.object({
  email: v.pipe(v.string('must be a string'), v.trim(), v.email('must be an email address')),
  password: v.pipe(
    v.string('must be a string'),
    v.nonEmpty('must not be empty'),
    v.maxLength(200, 'must be at most 200 characters'),
  ),
});

export const ChangePasswordInput = v.object({
  currentPassword: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
  newPassword: v.pipe(
    v.string('must be a string'),
    v.minLength(10, 'must be at least 10 characters'),
    v.maxLength(200, 'must be at most 200 characters'),
  ),
});

export const InviteUserInput = v.object({
  accountId: Id,
  email: v.pipe(v.string('must be a string'), v.trim(), v.email('must be an email address')),
  name: Label,
  role: v.picklist(['admin', 'viewer'], 'must be "admin" or "viewer"'),
});

export const AddOperatorInput = v.object({
  email: v.pipe(v.string('must be a string'), v.trim(), v.email('must be an email address')),
  name: Label,
});

export const ListUsersInput = v.object({ accountId: v.optional(Id) });
export const RemoveMemberInput = v.object({ accountId: Id, userId: Id });
