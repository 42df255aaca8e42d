/**
 * The statement through the real UI: the page lists the ledger, and its CSV link downloads
 * (with the session cookie) a file a finance team can reconcile: a UTF-8 BOM (so Excel on
 * Windows reads it), times in Beijing time with their offset, headers and words in the UI's
 * language, printed numbers and the bank serial — row for row the API's `ledger.list`.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  parseCsv,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;

/** The words the file must use, written out here rather than taken from the code. */
const INSTRUMENTS = {
  en: {
    cash: 'Cash',
    overdue: 'Overdue',
    regular_voucher: 'Voucher',
    discount_voucher: 'Discount voucher',
    prepaid_card: 'Prepaid card',
    cloud_account: 'Cloud account',
  },
  zh: {
    cash: '现金',
    overdue: '欠费',
    regular_voucher: '代金券',
    discount_voucher: '折扣券',
    prepaid_card: '预付卡',
    cloud_account: '云账号',
  },
} as const;
const REASONS = {
  en: {
    bank_transfer: 'Bank transfer',
    card_purchase: 'Card purchase',
    voucher_issue: 'Voucher issued',
    charge: 'Charge',
  },
  zh: { bank_transfer: '银行转账', card_purchase: '购买预付卡', voucher_issue: '发放代金券', charge: '扣费' },
} as const;
const REFERS_TO = {
  en: {
    bank_transfer: 'Transfer',
    card_order: 'Card order',
    prepaid_card: 'Card',
    voucher: 'Voucher',
    charge: 'Charge',
  },
  zh: { bank_transfer: '转账', card_order: '购卡订单', prepaid_card: '预付卡', voucher: '代金券', charge: '费用' },
} as const;

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-26 14:03:05 +08:00", worked out independently of the server. */
const beijingTime = (ms: number) => `${BEIJING.format(new Date(ms))} +08:00`;

/** Clicks the CSV link and reads the file: its name, whether it starts with a BOM, its rows. */
async function downloadCsv(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const bytes = await readFile(await download.path());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return {
    name: download.suggestedFilename(),
    bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    rows: parseCsv(text.replace(/^\uFEFF/, '')),
  };
}

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

describe('statement', () => {
  it('downloads a CSV whose rows are the ledger entries', async () => {
    const f = await newFixture(server);
    const serial = uid('ICBC-20261126');
    await server.operator.cash.recordBankTransfer.mutate({
      reference: f.remittanceRef,
      bankSerial: serial,
      amount: '2500.00',
    });
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '500.00',
      quantity: 2,
    });
    const nowMs = Date.now();
    const voucher = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '80.00',
      validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 90 * DAY_MS },
    });
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1234.56'));
    const sms = chargeInput(f.workspaceId, '99.99', { category: 'sms' });
    await f.metering.charges.settle.mutate(sms);
    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId, limit: 500 });
    expect(ledger.nextCursor).toBeNull();
    // Money moved in, out, through every kind the account holds.
    const instruments = new Set(ledger.items.map((entry) => entry.instrument));
    expect([...instruments].sort()).toEqual(['cash', 'prepaid_card', 'regular_voucher']);

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/statement');
    const rows = page.getByTestId('ledger-row');
    await expect.poll(() => rows.count(), POLL).toBe(ledger.items.length);
    const onScreen = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-entry-id')),
    );
    expect(onScreen).toEqual(ledger.items.map((entry) => String(entry.entryId)));
    // The admin sees the account's ledger head (decision 014): the newest entry's hash.
    await expect
      .poll(() => page.getByTestId('ledger-head-hash').textContent(), POLL)
      .toBe(ledger.items[0]?.hash);
    expect(await page.getByTestId('ledger-head-seq').textContent()).toBe(
      String(ledger.items.length),
    );
    expect(await page.getByTestId('ledger-head-copy').textContent()).toBe('Copy');
    await screenshot(page, 'statement');

    // English (the browser's language): the file's rows are the ledger's entries.
    const english = await downloadCsv(page, 'Download CSV');
    expect(english.name).toBe(`statement-${f.accountId}.csv`);
    expect(english.bom).toBe(true);
    const [header, ...records] = english.rows;
    expect(header).toEqual([
      'Entry ID',
      'Time (Beijing, UTC+8)',
      'Account',
      'Workspace',
      'Instrument',
      'Voucher or card number',
      'Amount (CNY)',
      'Balance after (CNY)',
      'Reason',
      'Refers to',
      'Reference',
      'Reference detail',
      'Account ID',
      'Workspace ID',
      'Instrument ID',
      'Reference ID',
      'Chain seq',
      'Previous hash',
      'Entry hash',
    ]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(records).toEqual(
      ledger.items.map((entry) => [
        String(entry.entryId),
        beijingTime(entry.createdAtMs),
        account.name,
        entry.workspaceName ?? '',
        INSTRUMENTS.en[entry.instrument],
        entry.instrumentNumber ?? '',
        entry.amount,
        entry.balanceAfter ?? '',
        REASONS.en[entry.reason as keyof (typeof REASONS)['en']],
        REFERS_TO.en[entry.refType as keyof (typeof REFERS_TO)['en']],
        entry.reference,
        entry.referenceDetail ?? '',
        f.accountId,
        entry.workspaceId ?? '',
        entry.instrumentId ?? '',
        entry.refId,
        String(entry.seq),
        entry.prevHash ?? '',
        entry.hash ?? '',
      ]),
    );
    // Printed numbers and the bank serial, where the ledger keeps internal ids.
    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    const numbers = records.map((record) => record[5]).filter((number) => number !== '');
    expect(new Set(numbers)).toEqual(
      new Set([...cards.map((card) => card.number), voucher.number]),
    );
    expect(records.map((record) => record[10])).toContain(serial);

    // In Chinese: the same rows, with Chinese headers and words.
    await page.getByTestId('language').selectOption({ label: '中文' });
    const chinese = await downloadCsv(page, '下载 CSV');
    expect(chinese.bom).toBe(true);
    const [zhHeader, ...zhRecords] = chinese.rows;
    expect(zhHeader?.slice(0, 4)).toEqual(['流水号', '时间（北京时间）', '账户', '工作空间']);
    expect(zhRecords).toEqual(
      records.map((record, i) => {
        const entry = ledger.items[i];
        if (!entry) throw new Error('as many rows as entries');
        const words = [
          INSTRUMENTS.zh[entry.instrument],
          REASONS.zh[entry.reason as keyof (typeof REASONS)['zh']],
          REFERS_TO.zh[entry.refType as keyof (typeof REFERS_TO)['zh']],
        ];
        return record.map((cell, column) =>
          column === 4 ? words[0] : column === 8 ? words[1] : column === 9 ? words[2] : cell,
        );
      }),
    );
    await screenshot(page, 'statement-zh');
    for (const record of zhRecords) {
      expect(record[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00$/);
    }
    browserErrors.expectNone();
    await page.close();
  });
});
