/**
 * Wallet events: what happened to an account's money, as other systems receive it (webhooks)
 * and as the outbox stores it. One closed list of types; each payload is typed. Amounts are
 * decimal strings in yuan ("12.34"), times epoch milliseconds, ids strings.
 *
 * An event is written to the outbox in the same atomic commit as the change that causes it,
 * and its `id` is the `webhook-id` it is delivered with (receivers deduplicate on it).
 */

export const EVENT_TYPES = [
  'top_up.credited',
  'bank_transfer.recorded',
  'voucher.issued',
  'voucher.activated',
  'voucher.expired',
  'card.purchased',
  'card.expired',
  'account.overdue',
  'account.overdue_cleared',
  'workspace.grace',
  'workspace.locked',
  'workspace.unlocked',
  'invoice.requested',
  'invoice.issued',
  'invoice.rejected',
  'order.paid',
  'charge.settled',
  'alert.fired',
  'webhook.endpoint_disabled',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Decimal string in yuan with two decimals, e.g. "12.34". */
export type Amount = string;

export interface VoucherPayload {
  voucherId: string;
  number: string;
  type: 'regular' | 'discount';
  amount: Amount;
  expiresAtMs: number;
  /** operator_issue, activation_code, purchase_tier… */
  source: string;
}

export interface EventPayloads {
  'top_up.credited': {
    topUpId: string;
    amount: Amount;
    overduePaid: Amount;
    cashCredited: Amount;
    cash: Amount;
  };
  'bank_transfer.recorded': {
    transferId: string;
    amount: Amount;
    overduePaid: Amount;
    cashCredited: Amount;
    cash: Amount;
  };
  /** A voucher credited by an operator or earned by a purchase (`source`). */
  'voucher.issued': VoucherPayload;
  /** A voucher credited by activating a code. */
  'voucher.activated': VoucherPayload;
  'voucher.expired': { voucherId: string; number: string; forfeited: Amount };
  /** One card credited: bought with cash (`sourceRef` the order) or through a partner. */
  'card.purchased': {
    cardId: string;
    number: string;
    amount: Amount;
    expiresAtMs: number;
    source: string;
    sourceRef: string;
  };
  'card.expired': { cardId: string; number: string; forfeited: Amount };
  'account.overdue': { overdue: Amount; overdueSinceMs: number };
  'account.overdue_cleared': { paid: Amount };
  'workspace.grace': { workspaceId: string; overdueSinceMs: number; locksAtMs: number };
  'workspace.locked': { workspaceId: string; overdueSinceMs: number };
  'workspace.unlocked': { workspaceId: string };
  'invoice.requested': { invoiceId: string; amount: Amount; type: string };
  'invoice.issued': { invoiceId: string; amount: Amount; invoiceNumber: string };
  'invoice.rejected': { invoiceId: string; amount: Amount; reason: string };
  /** A card purchase order paid from the wallet (cards first, then cash). */
  'order.paid': { orderId: string; amount: Amount; cardsPaid: Amount; cashPaid: Amount };
  /** The charge as `charges.get` returns it. */
  'charge.settled': {
    chargeId: string;
    accountId: string;
    workspaceId: string;
    category: string;
    amount: Amount;
    periodStartMs: number;
    periodEndMs: number;
    description: string;
    settlementMethod: string;
    cloudProvider: string | null;
    cloudAccountId: string | null;
    paid: Amount;
    overdue: Amount;
    cloud: Amount;
    settledAtMs: number;
    /** How the amount was paid: cash, vouchers, cards, cloud account, overdue. */
    parts: readonly {
      source: string;
      instrumentId: string | null;
      instrumentNumber: string | null;
      amount: Amount;
      balanceAfter: Amount | null;
    }[];
  };
  'alert.fired': {
    alertId: string;
    rule: string;
    /** The rule's threshold as set: an amount ("100.00") or days, null for event rules. */
    threshold: Amount | number | null;
    /** The value that crossed it: an amount, days, or null for event rules. */
    value: Amount | number | null;
    /** What it is about: an instrument, a workspace, an invoice, a top-up (ids). */
    subject: Record<string, string>;
  };
  'webhook.endpoint_disabled': { endpointId: string; url: string; failures: number };
  'webhook.test': { endpointId: string; message: string };
}

/** One event: `accountId` is null only for events about no account (none today). */
export type WalletEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    accountId: string | null;
    createdAtMs: number;
    data: EventPayloads[T];
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<WalletEvent, { type: T }>;

/**
 * The body of a webhook POST. A single event is sent as itself; `charge.settled` events (opt-in
 * per endpoint) arrive batched: `{ type: 'charge.settled.batch', id, createdAtMs, events }`,
 * with `id` the `webhook-id` of the batch and `events` up to 100 `charge.settled` events.
 */
export interface ChargeBatch {
  id: string;
  type: 'charge.settled.batch';
  accountId: string | null;
  createdAtMs: number;
  events: EventOf<'charge.settled'>[];
}

export type WebhookBody = WalletEvent | ChargeBatch;

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
