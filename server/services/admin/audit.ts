/**
 * The audit: checks every invariant of the spec over the whole database and reports each
 * violation. Each check is one SQL statement, so each reads one consistent snapshot even
 * while settlements keep committing.
 *
 * Invariants:
 * - every instrument's balance (cash, overdue, each voucher and card) equals the sum of its
 *   ledger entries;
 * - balances lie between zero and the denomination; an active instrument has a balance and a
 *   used-up one has none;
 * - the parts of each charge add up to it, its split (paid / overdue / cloud) matches its
 *   parts, and its ledger entries move exactly its amount;
 * - cash > 0 implies overdue = 0, and an account is overdue exactly when it has a since-time;
 * - every idempotency record belongs to an existing account (or to no account, for codes
 *   voided by an operator);
 * - an activation code is used at most once: a redeemed code has exactly one voucher, an
 *   unused or voided one has none;
 * - what expiry and voiding forfeited equals the entries that forfeited it;
 * - the invoiceable total equals the cash actually paid less cash refunded, and invoices
 *   requested or issued never exceed it;
 * - each paid top-up was credited exactly its amount, an unpaid one nothing;
 * - each card order's cash equals its cards, each paid prepaid order's entries its amount;
 * - every account's ledger hash chain is intact, link by link, up to its head (verifyChains.ts;
 *   the first broken link of each account is named, also in `brokenLinks`).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  INSTRUMENT_TABLE_NAMES,
  INSTRUMENT_TABLES,
  type InstrumentTable,
} from '../../../common/wallet/instruments.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { verifyChains, type BrokenLink } from './verifyChains.ts';

export interface AuditViolation {
  readonly check: string;
  readonly subject: string;
  readonly detail: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly checkedAtMs: number;
  readonly checks: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly violations: readonly AuditViolation[];
  /** The first broken link of each account whose ledger hash chain is broken. */
  readonly brokenLinks: readonly BrokenLink[];
}

/** One SELECT per instrument table of the registry, as a UNION ALL. */
function eachInstrumentTable(select: (table: InstrumentTable) => string): SQL {
  return sql.raw(INSTRUMENT_TABLE_NAMES.map(select).join('\n    UNION ALL\n    '));
}

/** Per instrument table: each row's balance equals the sum of its kinds' entries. */
function instrumentsEqualLedger(): Record<string, SQL> {
  return Object.fromEntries(
    INSTRUMENT_TABLE_NAMES.map((table) => {
      const { singular, kinds } = INSTRUMENT_TABLES[table];
      const instruments = kinds.map((kind) => `'${kind}'`).join(', ');
      const query = sql.raw(`
    SELECT i.id, 'balance ' || i.balance_fen || ' but entries sum to ' || COALESCE(l.s, 0)
    FROM ${table} i
    LEFT JOIN (SELECT instrument_id, SUM(amount_fen) s FROM ledger_entries
               WHERE instrument IN (${instruments})
               GROUP BY instrument_id) l ON l.instrument_id = i.id
    WHERE i.balance_fen <> COALESCE(l.s, 0)`);
      return [`${singular}_equals_ledger`, query];
    }),
  );
}

/** Each check selects rows (subject, detail) that violate it. */
const CHECKS: Readonly<Record<string, SQL>> = {
  cash_equals_ledger: sql`
    SELECT a.id AS subject, 'cash ' || a.cash_fen || ' but entries sum to ' || COALESCE(l.s, 0) AS detail
    FROM accounts a
    LEFT JOIN (SELECT account_id, SUM(amount_fen) s FROM ledger_entries
               WHERE instrument = 'cash' GROUP BY account_id) l ON l.account_id = a.id
    WHERE a.cash_fen <> COALESCE(l.s, 0)`,
  overdue_equals_ledger: sql`
    SELECT a.id, 'overdue ' || a.overdue_fen || ' but entries sum to ' || COALESCE(l.s, 0)
    FROM accounts a
    LEFT JOIN (SELECT account_id, SUM(amount_fen) s FROM ledger_entries
               WHERE instrument = 'overdue' GROUP BY account_id) l ON l.account_id = a.id
    WHERE a.overdue_fen <> COALESCE(l.s, 0)`,
  ...instrumentsEqualLedger(),
  balances_in_range: sql`
    ${eachInstrumentTable(
      (table) => `SELECT id, 'balance ' || balance_fen || ' outside 0..' || denomination_fen
                  FROM ${table} WHERE balance_fen < 0 OR balance_fen > denomination_fen`,
    )}
    UNION ALL
    SELECT id, 'cash ' || cash_fen || ', overdue ' || overdue_fen FROM accounts
    WHERE cash_fen < 0 OR overdue_fen < 0`,
  status_matches_balance: eachInstrumentTable(
    (table) => `SELECT id, status || ' with balance ' || balance_fen FROM ${table}
      WHERE (status = 'active' AND balance_fen = 0) OR (status = 'used_up' AND balance_fen <> 0)`,
  ),
  charge_parts_add_up: sql`
    SELECT c.id, 'amount ' || c.amount_fen || ' but parts sum to ' || COALESCE(p.s, 0)
    FROM charges c
    LEFT JOIN (SELECT charge_id, SUM(amount_fen) s FROM charge_parts GROUP BY charge_id) p
      ON p.charge_id = c.id
    WHERE c.amount_fen <> COALESCE(p.s, 0)`,
  charge_split_matches_parts: sql`
    SELECT c.id, 'split ' || c.paid_fen || '/' || c.overdue_fen || '/' || c.cloud_fen
           || ' but parts ' || p.paid || '/' || p.overdue || '/' || p.cloud
    FROM charges c
    JOIN (SELECT charge_id,
                 SUM(CASE WHEN source IN ('overdue', 'cloud_account') THEN 0 ELSE amount_fen END) paid,
                 SUM(CASE WHEN source = 'overdue' THEN amount_fen ELSE 0 END) overdue,
                 SUM(CASE WHEN source = 'cloud_account' THEN amount_fen ELSE 0 END) cloud
          FROM charge_parts GROUP BY charge_id) p ON p.charge_id = c.id
    WHERE c.paid_fen <> p.paid OR c.overdue_fen <> p.overdue OR c.cloud_fen <> p.cloud`,
  charge_ledger_moves_amount: sql`
    SELECT c.id, 'amount ' || c.amount_fen || ' but entries move ' || COALESCE(l.s, 0)
    FROM charges c
    LEFT JOIN (SELECT ref_id, SUM(ABS(amount_fen)) s FROM ledger_entries
               WHERE ref_type = 'charge' GROUP BY ref_id) l ON l.ref_id = c.id
    WHERE c.amount_fen <> COALESCE(l.s, 0)`,
  cash_implies_no_overdue: sql`
    SELECT id, 'cash ' || cash_fen || ' with overdue ' || overdue_fen FROM accounts
    WHERE cash_fen > 0 AND overdue_fen > 0`,
  overdue_has_since: sql`
    SELECT id, 'overdue ' || overdue_fen || ' since ' || COALESCE(overdue_since_ms, 'never')
    FROM accounts
    WHERE (overdue_fen > 0) <> (overdue_since_ms IS NOT NULL)`,
  operations_have_accounts: sql`
    SELECT o.key, 'account ' || o.account_id || ' does not exist'
    FROM operations o LEFT JOIN accounts a ON a.id = o.account_id
    WHERE a.id IS NULL AND o.account_id <> ''`,
  codes_used_once: sql`
    SELECT c.id, c.status || ' with ' || COUNT(v.id) || ' vouchers'
    FROM activation_codes c
    LEFT JOIN vouchers v ON v.source = 'activation_code' AND v.source_ref = c.id
    GROUP BY c.id
    HAVING (c.status = 'redeemed' AND (COUNT(v.id) <> 1 OR MAX(v.id) <> c.voucher_id))
        OR (c.status <> 'redeemed' AND COUNT(v.id) <> 0)`,
  forfeits_match_entries: sql`
    SELECT i.id, 'forfeited ' || i.forfeited_fen || ' but entries ' || COALESCE(-l.s, 0)
    FROM (${eachInstrumentTable((table) => `SELECT id, forfeited_fen FROM ${table}`)}) i
    LEFT JOIN (SELECT instrument_id, SUM(amount_fen) s FROM ledger_entries
               WHERE reason IN ('expiry', 'void') GROUP BY instrument_id) l
      ON l.instrument_id = i.id
    WHERE i.forfeited_fen <> COALESCE(-l.s, 0)`,
  invoiceable_matches_cash_paid: sql`
    SELECT a.id, 'invoiceable ' || a.invoiceable_fen || ' but cash paid less refunds is '
           || (COALESCE(l.paid, 0) - COALESCE(r.refunded, 0))
    FROM accounts a
    LEFT JOIN (SELECT account_id, -SUM(amount_fen) paid FROM ledger_entries
               WHERE (instrument = 'cash' AND reason IN ('charge', 'card_purchase', 'order_payment'))
                  OR (instrument = 'overdue' AND reason = 'overdue_payoff')
               GROUP BY account_id) l ON l.account_id = a.id
    LEFT JOIN (SELECT account_id, SUM(refunded_fen) refunded FROM prepaid_orders
               GROUP BY account_id) r ON r.account_id = a.id
    WHERE a.invoiceable_fen <> COALESCE(l.paid, 0) - COALESCE(r.refunded, 0)`,
  invoices_within_invoiceable: sql`
    SELECT a.id, 'reserved ' || a.invoice_reserved_fen || ', invoices ' || COALESCE(i.s, 0)
           || ', invoiceable ' || a.invoiceable_fen
    FROM accounts a
    LEFT JOIN (SELECT account_id, SUM(amount_fen) s FROM invoices
               WHERE status IN ('requested', 'issued') GROUP BY account_id) i
      ON i.account_id = a.id
    WHERE a.invoice_reserved_fen <> COALESCE(i.s, 0)
       OR a.invoice_reserved_fen > a.invoiceable_fen`,
  top_ups_credited_once: sql`
    SELECT t.id, t.status || ' order of ' || t.amount_fen || ' credited ' || COALESCE(l.s, 0)
    FROM top_up_orders t
    LEFT JOIN (SELECT ref_id, SUM(ABS(amount_fen)) s FROM ledger_entries
               WHERE ref_type = 'top_up' GROUP BY ref_id) l ON l.ref_id = t.id
    WHERE (t.status = 'paid' AND COALESCE(l.s, 0) <> t.amount_fen)
       OR (t.status <> 'paid' AND COALESCE(l.s, 0) <> 0)`,
  card_orders_match_cards: sql`
    SELECT o.id, 'total ' || o.total_fen || ', cards ' || COALESCE(c.s, 0) || ', cash ' || COALESCE(l.s, 0)
    FROM card_orders o
    LEFT JOIN (SELECT source_ref, SUM(denomination_fen) s FROM prepaid_cards
               WHERE source = 'cash_purchase' GROUP BY source_ref) c ON c.source_ref = o.id
    LEFT JOIN (SELECT ref_id, -SUM(amount_fen) s FROM ledger_entries
               WHERE ref_type = 'card_order' AND instrument = 'cash' GROUP BY ref_id) l
      ON l.ref_id = o.id
    WHERE o.total_fen <> COALESCE(c.s, 0) OR o.total_fen <> COALESCE(l.s, 0)`,
  prepaid_orders_match_entries: sql`
    SELECT o.id, o.status || ' order of ' || o.amount_fen || ', entries ' || COALESCE(l.s, 0)
    FROM prepaid_orders o
    LEFT JOIN (SELECT ref_id, -SUM(amount_fen) s FROM ledger_entries
               WHERE ref_type = 'order' AND reason = 'order_payment' GROUP BY ref_id) l
      ON l.ref_id = o.id
    WHERE (o.status <> 'open' AND COALESCE(l.s, 0) <> o.amount_fen)
       OR (o.status = 'open' AND COALESCE(l.s, 0) <> 0)`,
};

const COUNTS = sql`
  SELECT (SELECT COUNT(*) FROM accounts) AS accounts,
         (SELECT COUNT(*) FROM vouchers) AS vouchers,
         (SELECT COUNT(*) FROM prepaid_cards) AS prepaidCards,
         (SELECT COUNT(*) FROM charges) AS charges,
         (SELECT COUNT(*) FROM ledger_entries) AS ledgerEntries`;

export async function runAudit(ctx: ServiceContext): Promise<AuditReport> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const violations: AuditViolation[] = [];
  for (const [check, query] of Object.entries(CHECKS)) {
    const rows = await db.all<[string, string]>(query);
    for (const row of rows) {
      const [subject, detail] = Object.values(row as object) as [unknown, unknown];
      violations.push({ check, subject: String(subject), detail: String(detail) });
    }
  }
  const chains = await verifyChains(db);
  violations.push(...chains.broken.map(chainViolation));
  const [counts] = await db.all<Record<string, number>>(COUNTS);
  return {
    ok: violations.length === 0,
    checkedAtMs: ctx.clock.nowMs(),
    checks: [...Object.keys(CHECKS), 'ledger_chain'],
    counts: {
      ...Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])),
      chainedAccounts: chains.accounts,
      unchainedAccounts: chains.unchained,
      chainedEntries: chains.entries,
    },
    violations,
    brokenLinks: chains.broken,
  };
}

function chainViolation(link: BrokenLink): AuditViolation {
  const where = link.entryId === null ? 'head' : `entry ${link.entryId} (seq ${link.seq ?? '?'})`;
  return {
    check: 'ledger_chain',
    subject: link.accountId,
    detail: `${where}: ${link.field} expected ${link.expected || '(empty)'}, stored ${link.stored || '(empty)'}`,
  };
}
