/**
 * Small helpers for payment tests: form posts, the sandbox's stored keys, counts read from
 * the database file, and notifies built field by field (not by the product's own sandbox).
 */
import { createClient } from '@libsql/client';
import { importPrivateKey, shanghaiDateTime, signNotify } from '../../server/payments/alipay.ts';
import { uid } from './factories.ts';

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export async function postForm(
  url: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
  fetcher: typeof fetch = fetch,
): Promise<Reply> {
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text() };
}

export function bearer(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}

async function query(dbPath: string, sql: string, args: string[]) {
  const db = createClient({ url: `file:${dbPath}` });
  try {
    return (await db.execute({ sql, args })).rows;
  } finally {
    db.close();
  }
}

/** The sandbox's "Alipay" private key, as stored in its database after first use. */
export async function sandboxAlipayKey(dbPath: string): Promise<CryptoKey> {
  const rows = await query(dbPath, 'SELECT value FROM settings WHERE key = ?', [
    'sandbox_alipay_keys',
  ]);
  const value = rows[0]?.['value'];
  if (typeof value !== 'string') throw new Error(`no sandbox keys in ${dbPath}`);
  return importPrivateKey((JSON.parse(value) as { privateKeyPem: string }).privateKeyPem);
}

/** How many top-up orders an account has (no API lists them). */
export async function topUpOrdersOf(dbPath: string, accountId: string): Promise<number> {
  const rows = await query(dbPath, 'SELECT count(*) AS n FROM top_up_orders WHERE account_id = ?', [
    accountId,
  ]);
  return Number(rows[0]?.['n']);
}

/** A TRADE_SUCCESS notify for an order, signed with `key` as Alipay signs, form-encoded. */
export async function paidNotify(
  order: { orderId: string; amount: string },
  party: { appId: string; sellerId: string },
  key: CryptoKey,
): Promise<Record<string, string>> {
  const now = shanghaiDateTime(Date.now());
  return signNotify(
    {
      notify_time: now,
      notify_type: 'trade_status_sync',
      notify_id: uid('notify'),
      app_id: party.appId,
      charset: 'utf-8',
      version: '1.0',
      trade_no: `2026${order.orderId.slice(1)}`,
      out_trade_no: order.orderId,
      seller_id: party.sellerId,
      total_amount: order.amount,
      receipt_amount: order.amount,
      trade_status: 'TRADE_SUCCESS',
      gmt_payment: now,
    },
    key,
  );
}
