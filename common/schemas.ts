/**
 * Input schemas of every procedure, shared by the server (validation) and the client (forms).
 * Amounts stay decimal strings here; services turn them into fen with `amountToFen`.
 * Every message is a field-issue code (common/issues.ts): the limits are read from the
 * action, the English reason and the client's words come from the code, and the transport
 * adds the field path.
 */
import * as v from 'valibot';
import {
  INVOICE_STATUSES,
  INVOICE_TYPES,
  REQUIRED_BUYER_DETAILS,
  TAX_ID_PATTERN,
  type BuyerDetail,
} from './invoices.ts';
import { ISSUE } from './issues.ts';
import { hasTooManyDecimals, parseAmountFen } from './money.ts';
import { CHARGE_CATEGORIES, CLOUD_PROVIDERS } from './settlement/order.ts';
import { Text } from './text.ts';
import { isCardDenomination } from './tiers.ts';

/** A money amount on the wire: "1234.56". Zero allowed; see PositiveAmount. */
export const Amount = v.config(
  v.pipe(
    v.string(ISSUE.AMOUNT_FORMAT),
    v.nonEmpty(ISSUE.REQUIRED),
    v.check((text) => !hasTooManyDecimals(text), ISSUE.AMOUNT_TOO_MANY_DECIMALS),
    v.check((text) => {
      const parsed = parseAmountFen(text);
      return parsed.ok || parsed.problem !== 'format';
    }, ISSUE.AMOUNT_FORMAT),
    v.check((text) => parseAmountFen(text).ok, ISSUE.AMOUNT_TOO_LARGE),
  ),
  { abortPipeEarly: true },
);

export const PositiveAmount = v.config(
  v.pipe(
    Amount,
    v.check((text) => {
      const parsed = parseAmountFen(text);
      return parsed.ok && parsed.fen > 0;
    }, ISSUE.AMOUNT_NOT_POSITIVE),
  ),
  { abortPipeEarly: true },
);

const Id = v.pipe(Text(128), v.nonEmpty(ISSUE.REQUIRED));

/** Caller-chosen keys (charge ids, request ids, workspace ids): printable, no spaces. */
export const ClientKey = v.pipe(Id, v.regex(/^[A-Za-z0-9][A-Za-z0-9._:\-]*$/, ISSUE.KEY_FORMAT));

const EpochMs = v.pipe(
  v.number(ISSUE.WRONG_TYPE),
  v.safeInteger(ISSUE.NOT_WHOLE_NUMBER),
  v.minValue(0, ISSUE.NUMBER_TOO_SMALL),
);

const Label = v.pipe(Text(200), v.trim(), v.nonEmpty(ISSUE.REQUIRED));

/** An email address: at most 254 characters (RFC 5321), trimmed. */
const Email = v.pipe(Text(254), v.trim(), v.email(ISSUE.EMAIL_FORMAT));

const Password = Text(200);

const Limit = v.optional(
  v.pipe(
    v.number(ISSUE.WRONG_TYPE),
    v.integer(ISSUE.NOT_WHOLE_NUMBER),
    v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
    v.maxValue(500, ISSUE.NUMBER_TOO_LARGE),
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
      v.number(ISSUE.WRONG_TYPE),
      v.integer(ISSUE.NOT_WHOLE_NUMBER),
      v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
      v.maxValue(3660, ISSUE.NUMBER_TOO_LARGE),
    ),
  }),
]);
export type ValidityInput = v.InferOutput<typeof Validity>;

export const AccountIdInput = v.object({ accountId: Id });

export const CreateAccountInput = v.object({ name: Label });

export const ListAccountsInput = v.object({
  search: v.optional(Text(200)),
  cursor: v.optional(Id),
  limit: Limit,
});

export const CreateAccountKeyInput = v.object({
  accountId: Id,
  role: v.picklist(['admin', 'viewer'], ISSUE.NOT_ONE_OF),
  label: Label,
});

export const CreateServiceKeyInput = v.object({
  role: v.picklist(['operator', 'partner', 'metering'], ISSUE.NOT_ONE_OF),
  label: Label,
});

const SettlementChoice = v.variant('method', [
  v.object({ method: v.literal('billing_center') }),
  v.object({
    method: v.literal('cloud_account'),
    cloudProvider: v.picklist(CLOUD_PROVIDERS, ISSUE.NOT_ONE_OF),
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
  reference: v.pipe(ClientKey, v.maxLength(32, ISSUE.TEXT_TOO_LONG)),
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
  status: v.optional(v.picklist(['active', 'used_up', 'expired', 'voided'], ISSUE.NOT_ONE_OF)),
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
  category: v.picklist(CHARGE_CATEGORIES, ISSUE.NOT_ONE_OF),
  amount: PositiveAmount,
  periodStartMs: EpochMs,
  periodEndMs: EpochMs,
  description: Text(500),
};

export const SettleChargeInput = v.pipe(
  v.object(ChargeFields),
  v.forward(
    v.check((c) => c.periodEndMs >= c.periodStartMs, ISSUE.PERIOD_END_BEFORE_START),
    ['periodEndMs'],
  ),
);
export type SettleChargeData = v.InferOutput<typeof SettleChargeInput>;

export const SettleBatchInput = v.object({
  charges: v.pipe(
    v.array(SettleChargeInput, ISSUE.WRONG_TYPE),
    v.minLength(1, ISSUE.LIST_TOO_SHORT),
    v.maxLength(500, ISSUE.LIST_TOO_LONG),
  ),
});

export const ChargeIdInput = v.object({ chargeId: ClientKey });

/**
 * Which charges: of an account, a workspace, a category, and whose billing period touches
 * [periodFromMs, periodToMs). The list, its totals and its CSV export take the same filter.
 */
export const ChargeFilterInput = v.object({
  accountId: v.optional(Id),
  workspaceId: v.optional(ClientKey),
  category: v.optional(v.picklist(CHARGE_CATEGORIES, ISSUE.NOT_ONE_OF)),
  periodFromMs: v.optional(EpochMs),
  periodToMs: v.optional(EpochMs),
});
export type ChargeFilter = v.InferOutput<typeof ChargeFilterInput>;

export const ListChargesInput = v.object({
  ...ChargeFilterInput.entries,
  cursor: v.optional(Text(300)),
  limit: Limit,
});

/** Spend of an account by billing period: charges whose period starts in [fromMs, toMs). */
export const ChargeSpendInput = v.object({
  accountId: Id,
  fromMs: EpochMs,
  toMs: v.optional(EpochMs),
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
  instrument: v.optional(v.picklist(LEDGER_INSTRUMENTS, ISSUE.NOT_ONE_OF)),
  instrumentId: v.optional(Id),
  reason: v.optional(v.picklist(LEDGER_REASONS, ISSUE.NOT_ONE_OF)),
  workspaceId: v.optional(ClientKey),
  fromMs: v.optional(EpochMs),
  toMs: v.optional(EpochMs),
});

export const LedgerListInput = v.object({
  ...LedgerFilterInput.entries,
  cursor: v.optional(v.pipe(v.number(ISSUE.WRONG_TYPE), v.safeInteger(ISSUE.NOT_WHOLE_NUMBER))),
  limit: Limit,
});
export type LedgerFilter = v.InferOutput<typeof LedgerFilterInput>;

/** The language of a CSV export's headers and words; English unless asked (API users). */
export const CsvLanguageInput = v.object({
  lang: v.optional(v.picklist(['zh', 'en'] as const, ISSUE.NOT_ONE_OF), 'en'),
});

const RequestId = ClientKey;
const Quantity = (max: number) =>
  v.pipe(
    v.number(ISSUE.WRONG_TYPE),
    v.integer(ISSUE.NOT_WHOLE_NUMBER),
    v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
    v.maxValue(max, ISSUE.NUMBER_TOO_LARGE),
  );

/** A card denomination: whole hundreds of CNY, at least 100. */
export const CardDenomination = v.pipe(
  PositiveAmount,
  v.check((text) => {
    const parsed = parseAmountFen(text);
    return parsed.ok && isCardDenomination(parsed.fen);
  }, ISSUE.CARD_DENOMINATION),
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
  useCards: v.boolean(ISSUE.WRONG_TYPE),
});

export { INVOICE_TYPES } from './invoices.ts';

const Phone = v.pipe(
  v.string(ISSUE.WRONG_TYPE),
  v.trim(),
  v.regex(/^\+?[0-9][0-9 ()-]{4,28}[0-9]$/, ISSUE.PHONE_FORMAT),
);

const BankAccount = v.pipe(
  v.string(ISSUE.WRONG_TYPE),
  v.trim(),
  v.regex(/^[0-9][0-9 -]{6,38}[0-9]$/, ISSUE.BANK_ACCOUNT_FORMAT),
);

/** A buyer detail a special VAT invoice needs, checked on any kind that sends it. */
function requiredFor(field: BuyerDetail) {
  return v.forward<RequestInvoiceFields, v.BaseIssue<unknown>, [BuyerDetail]>(
    v.partialCheck(
      [['type'], [field]],
      (input: Pick<RequestInvoiceFields, 'type' | BuyerDetail>) =>
        !REQUIRED_BUYER_DETAILS[input.type].includes(field) || input[field] !== undefined,
      ISSUE.REQUIRED_FOR_SPECIAL_INVOICE,
    ),
    [field],
  );
}

const RequestInvoiceObject = v.object({
  accountId: Id,
  requestId: RequestId,
  /** The buyer's name (购买方名称), printed as the invoice title. */
  title: Label,
  taxId: v.pipe(v.string(ISSUE.WRONG_TYPE), v.regex(TAX_ID_PATTERN, ISSUE.TAX_ID_FORMAT)),
  amount: PositiveAmount,
  email: Email,
  type: v.picklist(INVOICE_TYPES, ISSUE.NOT_ONE_OF),
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
    v.string(ISSUE.WRONG_TYPE),
    v.regex(/^[0-9A-Za-z-]{8,32}$/, ISSUE.INVOICE_NUMBER_FORMAT),
  ),
});

export const RejectInvoiceInput = v.object({ invoiceId: Id, reason: Label });

export const InvoiceQueueInput = v.object({
  status: v.optional(v.picklist(INVOICE_STATUSES, ISSUE.NOT_ONE_OF)),
  accountId: v.optional(Id),
});

export const CreateTopUpInput = v.object({ accountId: Id, amount: PositiveAmount });

export const ListTopUpsInput = v.object({
  accountId: Id,
  cursor: v.optional(Text(200)),
  limit: Limit,
});

export const CreateCodeBatchInput = v.object({
  requestId: RequestId,
  amount: PositiveAmount,
  quantity: Quantity(1000),
  codeDeadlineMs: EpochMs,
  validity: Validity,
  note: v.optional(Text(200)),
});

export const ActivateVoucherInput = v.object({
  accountId: Id,
  code: v.pipe(Text(64), v.nonEmpty(ISSUE.REQUIRED)),
});

export const BatchIdInput = v.object({ batchId: Id });
export const CodeIdInput = v.object({ codeId: Id });
export const VoucherIdInput = v.object({ voucherId: Id });

export const SignInInput = v.object({
  email: Email,
  password: v.pipe(Password, v.nonEmpty(ISSUE.REQUIRED)),
});

export const ChangePasswordInput = v.object({
  currentPassword: v.pipe(Password, v.nonEmpty(ISSUE.REQUIRED)),
  newPassword: v.pipe(Password, v.minLength(10, ISSUE.TEXT_TOO_SHORT)),
});

export const InviteUserInput = v.object({
  accountId: Id,
  email: Email,
  name: Label,
  role: v.picklist(['admin', 'viewer'], ISSUE.NOT_ONE_OF),
});

export const AddOperatorInput = v.object({
  email: Email,
  name: Label,
});

export const ListUsersInput = v.object({ accountId: v.optional(Id) });
export const RemoveMemberInput = v.object({ accountId: Id, userId: Id });
export const SetRoleInput = v.object({
  accountId: Id,
  userId: Id,
  role: v.picklist(['admin', 'viewer'], ISSUE.NOT_ONE_OF),
});
export const ResetPasswordInput = v.object({ userId: Id });
export const RevokeSessionInput = v.object({ sessionId: Id });

export const ListApiKeysInput = v.object({
  accountId: v.optional(Id),
  includeRevoked: v.optional(v.boolean(ISSUE.WRONG_TYPE)),
});
export const RevokeApiKeyInput = v.object({ keyId: Id });

/** Moves the test clock forward: `by` whole minutes, hours or days (docs/API.md, test clock). */
export const AdvanceTestClockInput = v.object({
  by: v.pipe(
    v.number(ISSUE.WRONG_TYPE),
    v.integer(ISSUE.NOT_WHOLE_NUMBER),
    v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
    v.maxValue(10_000, ISSUE.NUMBER_TOO_LARGE),
  ),
  unit: v.picklist(['minutes', 'hours', 'days'] as const, ISSUE.NOT_ONE_OF),
});
export type AdvanceTestClockData = v.InferOutput<typeof AdvanceTestClockInput>;
