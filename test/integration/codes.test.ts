/**
 * Activation codes through the real server and the typed client: a batch's codes are shown
 * once and stored only as keyed hashes; a code becomes one regular voucher however many
 * activations race for it; mistyped, unknown, used, expired and voided codes are refused;
 * failed attempts are throttled per account and client address, per account, and per address
 * with ten times the room, so accounts behind one address do not stop each other. Also: an
 * operator voids an issued voucher.
 *
 * Two servers. The child-process server runs with the attempt limit raised out of the way,
 * because every test's requests come from 127.0.0.1 and would otherwise share one client
 * counter. The in-process server has a clock the test moves and the default limits (5 failed
 * attempts per 15 minutes): deadlines and throttling are tested there, each throttling test
 * starting in a fresh window. A test that must tell the account's counter from the client's
 * sends requests from another loopback address (127.0.0.x) with `fetchFrom`.
 *
 * The child-process tests run concurrently (each makes its own accounts and batches, and
 * asserts with its own context's `expect`), so the file stays within its time budget while
 * the 1,000-activation race is under way; the clocked tests run one after another.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { createClient } from '@libsql/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_BODY_LENGTH, formatCode, normalizeCode } from '../../common/codes.ts';
import { createWalletClient, type WalletClient } from '../../server/client.ts';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
const WINDOW_MS = 15 * 60_000;
const LIMIT = 5;
const CHAR = '[0-9A-HJKMNP-TV-Z]';
const PRINTED_CODE = new RegExp(`^${CHAR}{4}(-${CHAR}{4}){4}-${CHAR}{2}$`);

// 2026-11-10 12:00 in Shanghai.
const clock = new ManualClock(Date.UTC(2026, 10, 10, 4));
let server: TestServer;
let clocked: TestServer;

beforeAll(async () => {
  [server, clocked] = await Promise.all([
    startServer({ env: { WALLET_ACTIVATION_ATTEMPTS: '100000' } }),
    startInProcessServer(clock),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), clocked?.stop()]);
});
afterEach(async () => {
  await expectCleanAudit(server);
  await expectCleanAudit(clocked);
});

type BatchInput = Parameters<WalletClient['vouchers']['createCodeBatch']['mutate']>[0];

/** A new batch of codes on `s`, created at `nowMs` (the server's time). */
async function newBatch(s: TestServer, nowMs: number, overrides: Partial<BatchInput> = {}) {
  const input: BatchInput = {
    requestId: uid('batch'),
    amount: '50.00',
    quantity: 3,
    codeDeadlineMs: nowMs + 30 * DAY_MS,
    validity: { kind: 'days', days: 30 },
    ...overrides,
  };
  const batch = await s.operator.vouchers.createCodeBatch.mutate(input);
  if (!batch.codes) throw new Error('a new batch must show its codes');
  return { input, batch, codes: batch.codes };
}

async function newAdminKey(s: TestServer, accountId: string): Promise<string> {
  const key = await s.operator.accounts.createApiKey.mutate({
    accountId,
    role: 'admin',
    label: uid('admin'),
  });
  return key.apiKey;
}

function activate(client: WalletClient, accountId: string, code: string) {
  return client.vouchers.activate.mutate({ accountId, code });
}

/** A code with a valid check character that no batch issued (105 random bits). */
function neverIssuedCode(): string {
  const body = Array.from(randomBytes(CODE_BODY_LENGTH), (b) => CODE_ALPHABET.charAt(b % 32));
  return formatCode(body.join(''));
}

/** The code with the character at `index` (of the 22, dashes not counted) replaced. */
function withCharChanged(code: string, index: number): string {
  const chars = [...code.replace(/-/g, '')];
  const at = CODE_ALPHABET.indexOf(chars[index] ?? '');
  chars[index] = CODE_ALPHABET.charAt((at + 1) % CODE_ALPHABET.length);
  return printed(chars.join(''));
}

/** Grouped by four, as printed. */
function printed(compact: string): string {
  return compact.match(/.{1,4}/g)?.join('-') ?? compact;
}

/** The domain code a call was refused with (the tRPC code when it has none). */
function refusal(error: unknown): string {
  const data = (error as { data?: { domainCode?: string | null; code?: string } }).data;
  return data?.domainCode ?? data?.code ?? String(error);
}

/** 'ok', or the domain code the call was refused with. */
function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(() => 'ok', refusal);
}

function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/**
 * A fetch whose connections leave from `localAddress`: any 127.x.y.z reaches the server, which
 * then sees another client address. `sent.requests` counts the HTTP requests it made.
 */
function fetchFrom(localAddress: string, sent = { requests: 0 }): typeof fetch {
  const send = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    sent.requests++;
    const url = new URL(input instanceof Request ? input.url : input);
    const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of [value ?? []].flat()) responseHeaders.append(name, one);
          }
          const status = res.statusCode ?? 500;
          resolve(new Response(Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
  return send as typeof fetch;
}

/** A client with `apiKey` whose requests come from `localAddress`. */
function clientFrom(
  s: TestServer,
  apiKey: string,
  localAddress: string,
  options: { batch?: boolean; sent?: { requests: number } } = {},
): WalletClient {
  return createWalletClient({
    url: s.url,
    apiKey,
    batch: options.batch ?? false,
    fetch: fetchFrom(localAddress, options.sent),
  });
}

describe.concurrent('vouchers.createCodeBatch', () => {
  it('shows the codes once, in the printed format, all different', async ({ expect }) => {
    const { input, batch, codes } = await newBatch(server, Date.now(), {
      amount: '20.00',
      quantity: 100,
      note: 'autumn campaign',
    });
    expect(codes).toHaveLength(100);
    for (const code of codes) {
      expect(code).toMatch(PRINTED_CODE);
      expect(normalizeCode(code)).toEqual({ ok: true, code: code.replace(/-/g, '') });
    }
    expect(new Set(codes).size).toBe(100);
    expect(batch).toMatchObject({
      denomination: '20.00',
      quantity: 100,
      codeDeadlineMs: input.codeDeadlineMs,
      validity: { kind: 'days', days: 30 },
      note: 'autumn campaign',
      redeemed: 0,
      voided: 0,
      unused: 100,
    });

    const replay = await server.operator.vouchers.createCodeBatch.mutate(input);
    expect(replay.codes).toBeNull();
    expect({ ...replay, codes: batch.codes }).toEqual(batch);
    const batches = await server.operator.vouchers.listCodeBatches.query();
    expect(batches.filter((b) => b.batchId === batch.batchId)).toHaveLength(1);
  });

  it('stores codes only as keyed hashes: no code text in the database', async ({ expect }) => {
    const f = await newFixture(server);
    const { batch, codes } = await newBatch(server, Date.now(), { quantity: 5 });
    // Activating writes idempotency records and ledger entries too: none may hold the code.
    await f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! });

    const db = createClient({ url: `file:${server.dbPath}` });
    try {
      const rows = await db.execute({
        sql: 'SELECT code_hash, hint FROM activation_codes WHERE batch_id = ?',
        args: [batch.batchId],
      });
      expect(rows.rows).toHaveLength(5);
      const hashes = rows.rows.map((row) => String(row.code_hash));
      expect(new Set(hashes).size).toBe(5);
      const canonical = codes.map((code) => code.replace(/-/g, ''));
      for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
      // Keyed: not the plain SHA-256 of the code, which anyone could compute from a guess.
      const plain = canonical.map((code) => createHash('sha256').update(code).digest('hex'));
      expect(hashes.filter((hash) => plain.includes(hash))).toEqual([]);

      const tables = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
      let dump = '';
      for (const table of tables.rows) {
        const all = await db.execute(`SELECT * FROM "${String(table.name)}"`);
        dump += JSON.stringify(all.rows);
      }
      expect(dump).toContain(batch.batchId);
      for (const [i, code] of codes.entries()) {
        const body = canonical[i]!.slice(0, CODE_BODY_LENGTH);
        expect(dump.toUpperCase()).not.toContain(body);
        expect(dump.toUpperCase()).not.toContain(code.slice(0, 14));
      }
    } finally {
      db.close();
    }
  });

  it('creates a batch once when the same request arrives 6 times at once', async ({ expect }) => {
    const input: BatchInput = {
      requestId: uid('batch'),
      amount: '10.00',
      // Enough codes that hashing them keeps each request busy while the others arrive.
      quantity: 200,
      codeDeadlineMs: Date.now() + DAY_MS,
      validity: { kind: 'days', days: 7 },
    };
    const operator = server.client(server.operatorKey, { batch: false });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => operator.vouchers.createCodeBatch.mutate(input)),
    );
    // Requests that all miss the lookup race to insert; the losers answer as replays.
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual(
      Array.from({ length: 6 }, () => 'ok'),
    );
    const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(results.filter((r) => r.codes !== null)).toHaveLength(1);
    expect(new Set(results.map((r) => r.batchId)).size).toBe(1);
  });

  it('refuses the same request id with different content as a conflict', async ({ expect }) => {
    const { input } = await newBatch(server, Date.now(), { amount: '10.00', quantity: 2 });
    await expect(
      server.operator.vouchers.createCodeBatch.mutate({ ...input, amount: '99.00', quantity: 5 }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });
  });

  it('refuses a deadline already past, naming the field', async ({ expect }) => {
    await expect(
      newBatch(server, Date.now(), { codeDeadlineMs: Date.now() - 1 }),
    ).rejects.toMatchObject({
      data: {
        code: 'BAD_REQUEST',
        domainCode: 'INVALID_VALIDITY',
        issues: [{ path: 'codeDeadlineMs' }],
      },
    });
  });
});

describe.concurrent('vouchers.activate', () => {
  it('credits a regular voucher of the denomination for N days', async ({ expect }) => {
    const f = await newFixture(server);
    const { codes } = await newBatch(server, Date.now(), {
      amount: '88.80',
      validity: { kind: 'days', days: 30 },
    });
    const before = Date.now();
    const voucher = await f.admin.vouchers.activate.mutate({
      accountId: f.accountId,
      code: codes[1]!,
    });
    const after = Date.now();
    expect(voucher).toMatchObject({
      accountId: f.accountId,
      type: 'regular',
      denomination: '88.80',
      balance: '88.80',
      status: 'active',
      replayed: false,
    });
    expect(voucher.number).toMatch(new RegExp(`^V-${CHAR}{4}-${CHAR}{4}-${CHAR}{4}$`));
    expect(voucher.activatedAtMs).toBeGreaterThanOrEqual(before);
    expect(voucher.activatedAtMs).toBeLessThanOrEqual(after);
    expect(voucher.validFromMs).toBe(voucher.activatedAtMs);
    expect(voucher.expiresAtMs).toBe(voucher.activatedAtMs + 30 * DAY_MS);

    const { replayed: _replayed, ...view } = voucher;
    await expect(f.admin.vouchers.list.query({ accountId: f.accountId })).resolves.toEqual([view]);
    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId });
    const entries = ledger.items.map((e) => [e.instrument, e.instrumentId, e.amount, e.reason]);
    expect(entries).toEqual([
      ['regular_voucher', voucher.voucherId, '88.80', 'voucher_activation'],
    ]);
    expect(ledger.items[0]?.balanceAfter).toBe('88.80');
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.regularVouchers).toEqual({ usable: '88.80', count: 1 });

    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '8.80'));
    expect(charge.parts.map((p) => [p.source, p.instrumentId, p.amount, p.balanceAfter])).toEqual([
      ['regular_voucher', voucher.voucherId, '8.80', '80.00'],
    ]);
  });

  it('takes the code as typed: lower case, spaces, I or L for 1, O for 0', async ({ expect }) => {
    const f = await newFixture(server);
    const { codes } = await newBatch(server, Date.now(), { quantity: 20 });
    // Pick a code holding a 1 or a 0, so the look-alike letters are exercised.
    const code = codes.find((c) => /[01]/.test(c));
    expect(code).toBeDefined();
    const lower = code!.toLowerCase().replace(/-/g, ' ');
    const typed = ` ${lower.replace(/1/g, 'l').replace(/0/g, 'o')} `;
    expect(typed).toMatch(/[lo]/);
    const voucher = await f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: typed });
    expect(voucher.replayed).toBe(false);
    // The printed form is the same code: the account gets the same voucher back.
    const again = await f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: code! });
    expect(again).toEqual({ ...voucher, replayed: true });
  });

  it('makes one voucher of 1,000 activations of one code at once', async ({ expect }) => {
    const accounts = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const f = await newFixture(server);
        const racer = server.client(await newAdminKey(server, f.accountId), { batch: false });
        return { ...f, racer };
      }),
    );
    const { batch, codes } = await newBatch(server, Date.now(), { amount: '66.60', quantity: 1 });
    const code = codes[0]!;
    // 125 activations from each of 8 accounts' admins, interleaved, one HTTP request each.
    const settled = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) => {
        const account = accounts[i % accounts.length]!;
        return account.racer.vouchers.activate
          .mutate({ accountId: account.accountId, code })
          .then((voucher) => ({ accountId: account.accountId, voucher }));
      }),
    );

    const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = settled.flatMap((s) => (s.status === 'rejected' ? [refusal(s.reason)] : []));
    const winner = won[0]?.accountId;
    expect(winner).toBeDefined();
    expect(won).toHaveLength(125);
    expect(new Set(won.map((w) => w.accountId))).toEqual(new Set([winner]));
    expect(new Set(won.map((w) => w.voucher.voucherId)).size).toBe(1);
    expect(won.filter((w) => !w.voucher.replayed)).toHaveLength(1);
    expect(tally(refused)).toEqual({ CODE_USED: 875 });

    const vouchers = await Promise.all(
      accounts.map((a) => server.operator.vouchers.list.query({ accountId: a.accountId })),
    );
    expect(vouchers.flat().map((v) => [v.accountId, v.voucherId, v.balance])).toEqual([
      [winner, won[0]!.voucher.voucherId, '66.60'],
    ]);
    const [listed] = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    expect(listed).toMatchObject({ status: 'redeemed', accountId: winner });

    // Afterwards too: the winner's replay returns its voucher, anyone else is refused.
    const first = accounts.find((a) => a.accountId === winner)!;
    await expect(
      first.admin.vouchers.activate.mutate({ accountId: first.accountId, code }),
    ).resolves.toMatchObject({ voucherId: won[0]!.voucher.voucherId, replayed: true });
    const loser = accounts.find((a) => a.accountId !== winner)!;
    await expect(
      loser.admin.vouchers.activate.mutate({ accountId: loser.accountId, code }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'CODE_USED' } });
  });
});

describe.concurrent('vouchers.activate refuses', () => {
  it('a well-formed code that was never issued', async ({ expect }) => {
    const f = await newFixture(server);
    const code = neverIssuedCode();
    expect(normalizeCode(code).ok).toBe(true);
    await expect(
      f.admin.vouchers.activate.mutate({ accountId: f.accountId, code }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'CODE_UNKNOWN' } });
    await expect(f.admin.vouchers.list.query({ accountId: f.accountId })).resolves.toEqual([]);
  });

  it('a code another account has used, which still belongs to the first', async ({ expect }) => {
    const first = await newFixture(server);
    const second = await newFixture(server);
    const { codes } = await newBatch(server, Date.now());
    const code = codes[0]!;
    const voucher = await first.admin.vouchers.activate.mutate({
      accountId: first.accountId,
      code,
    });
    await expect(
      second.admin.vouchers.activate.mutate({ accountId: second.accountId, code }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'CODE_USED' } });
    // An operator activating it into the second account is refused all the same.
    await expect(
      server.operator.vouchers.activate.mutate({ accountId: second.accountId, code }),
    ).rejects.toMatchObject({ data: { domainCode: 'CODE_USED' } });
    const secondVouchers = await second.admin.vouchers.list.query({ accountId: second.accountId });
    expect(secondVouchers).toEqual([]);
    await expect(
      first.admin.vouchers.activate.mutate({ accountId: first.accountId, code }),
    ).resolves.toEqual({ ...voucher, replayed: true });
    const entries = await first.admin.ledger.list.query({
      accountId: first.accountId,
      reason: 'voucher_activation',
    });
    expect(entries.items).toHaveLength(1);
  });

  //  what is wrong                      typed                                  problem
  const MISTYPED: readonly (readonly [string, (code: string) => string, RegExp])[] = [
    ['first character changed', (c) => withCharChanged(c, 0), /typo/],
    ['a middle character changed', (c) => withCharChanged(c, 11), /typo/],
    ['the check character changed', (c) => withCharChanged(c, 21), /typo/],
    ['one character missing', (c) => c.slice(0, -1), /22 char/],
    ['one character too many', (c) => `${c}7`, /22 char/],
    ['a U, not in the alphabet', (c) => `U${c.slice(1)}`, /alphabet/],
  ];

  it.for(MISTYPED)('a mistyped code (%s), naming the field', async (row, { expect }) => {
    const [, mistype, problem] = row;
    const f = await newFixture(server);
    const { codes } = await newBatch(server, Date.now(), { quantity: 1 });
    const typed = mistype(codes[0]!);
    expect(typed.replace(/-/g, '')).not.toBe(codes[0]!.replace(/-/g, ''));
    const error = await f.admin.vouchers.activate
      .mutate({ accountId: f.accountId, code: typed })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { code: 'BAD_REQUEST', domainCode: 'CODE_MISTYPED', issues: [{ path: 'code' }] },
    });
    const issues = (error as { data: { issues: { message: string }[] } }).data.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(problem);
    // The code itself is untouched and still works.
    await expect(
      f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! }),
    ).resolves.toMatchObject({ replayed: false, denomination: '50.00' });
  });

  it('a voided code; voiding replays, and a redeemed code cannot be voided', async ({ expect }) => {
    const f = await newFixture(server);
    const { batch, codes } = await newBatch(server, Date.now(), { quantity: 2 });
    const [toVoid, toRedeem] = [codes[0]!, codes[1]!];
    const listed = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    const idOf = (code: string) =>
      listed.find((c) => code.replace(/-/g, '').endsWith(c.hint))!.codeId;

    const voided = await server.operator.vouchers.voidCode.mutate({ codeId: idOf(toVoid) });
    expect(voided).toMatchObject({ status: 'voided', accountId: null, replayed: false });
    expect(voided.voidedAtMs).toEqual(expect.any(Number));
    await expect(
      f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: toVoid }),
    ).rejects.toMatchObject({ data: { code: 'PRECONDITION_FAILED', domainCode: 'CODE_VOIDED' } });
    await expect(
      server.operator.vouchers.voidCode.mutate({ codeId: idOf(toVoid) }),
    ).resolves.toEqual({ ...voided, replayed: true });

    await f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: toRedeem });
    await expect(
      server.operator.vouchers.voidCode.mutate({ codeId: idOf(toRedeem) }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'CODE_USED' } });
    await expect(
      server.operator.vouchers.voidCode.mutate({ codeId: 'code_doesnotexist' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'CODE_NOT_FOUND' } });
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers).toHaveLength(1);
  });
});

describe.concurrent('code batches as operators see them', () => {
  it('lists redeemed, voided and unused counts, and who redeemed', async ({ expect }) => {
    const first = await newFixture(server);
    const second = await newFixture(server);
    const { batch, codes } = await newBatch(server, Date.now(), { amount: '30.00', quantity: 4 });
    const one = await first.admin.vouchers.activate.mutate({
      accountId: first.accountId,
      code: codes[0]!,
    });
    const two = await second.admin.vouchers.activate.mutate({
      accountId: second.accountId,
      code: codes[1]!,
    });
    let listed = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    const third = listed.find((c) => codes[2]!.replace(/-/g, '').endsWith(c.hint))!;
    await server.operator.vouchers.voidCode.mutate({ codeId: third.codeId });

    const batches = await server.operator.vouchers.listCodeBatches.query();
    expect(batches.find((b) => b.batchId === batch.batchId)).toMatchObject({
      denomination: '30.00',
      quantity: 4,
      redeemed: 2,
      voided: 1,
      unused: 1,
    });
    listed = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    const row = (code: string) => {
      const hint = code.replace(/-/g, '').slice(-4);
      const found = listed.find((c) => c.hint === hint);
      return [found?.status, found?.accountId, found?.voucherId, found?.redeemedAtMs !== null];
    };
    expect(codes.map(row)).toEqual([
      ['redeemed', first.accountId, one.voucherId, true],
      ['redeemed', second.accountId, two.voucherId, true],
      ['voided', null, null, false],
      ['unused', null, null, false],
    ]);
  });
});

describe.concurrent('who may do what with codes', () => {
  it('lets only operators create, list and void codes', async ({ expect }) => {
    const f = await newFixture(server);
    const { batch } = await newBatch(server, Date.now(), { quantity: 1 });
    const [code] = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    const viewerKey = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const partnerKey = await server.operator.admin.createApiKey.mutate({
      role: 'partner',
      label: 'partner',
    });
    const viewer = server.client(viewerKey.apiKey);
    const others = [f.admin, f.metering, viewer, server.client(partnerKey.apiKey)];
    for (const client of others) {
      const calls = [
        client.vouchers.createCodeBatch.mutate({
          requestId: uid('batch'),
          amount: '1.00',
          quantity: 1,
          codeDeadlineMs: Date.now() + DAY_MS,
          validity: { kind: 'days', days: 1 },
        }),
        client.vouchers.listCodeBatches.query(),
        client.vouchers.listCodes.query({ batchId: batch.batchId }),
        client.vouchers.voidCode.mutate({ codeId: code!.codeId }),
      ];
      expect(await Promise.all(calls.map(outcomeOf))).toEqual(Array(4).fill('FORBIDDEN'));
    }
    await expect(server.client().vouchers.listCodeBatches.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    const [after] = await server.operator.vouchers.listCodes.query({ batchId: batch.batchId });
    expect(after?.status).toBe('unused');
  });

  it("lets only the account's admin, or an operator, activate into it", async ({ expect }) => {
    const f = await newFixture(server);
    const stranger = await newFixture(server);
    const { codes } = await newBatch(server, Date.now(), { quantity: 2 });
    const viewerKey = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const refusals = await Promise.all(
      [stranger.admin, server.client(viewerKey.apiKey), f.metering].map((client) =>
        outcomeOf(client.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! })),
      ),
    );
    expect(refusals).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    await expect(f.admin.vouchers.list.query({ accountId: f.accountId })).resolves.toEqual([]);

    // The refused code was not spent: the account's admin and an operator activate both.
    const mine = await activate(f.admin, f.accountId, codes[0]!);
    const byOperator = await server.operator.vouchers.activate.mutate({
      accountId: f.accountId,
      code: codes[1]!,
    });
    expect([mine.accountId, byOperator.accountId]).toEqual([f.accountId, f.accountId]);
  });
});

describe.concurrent('vouchers.void', () => {
  it('forfeits the balance with a void entry; the voucher stops paying', async ({ expect }) => {
    const f = await newFixture(server);
    const issued = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '100.00',
      validity: { kind: 'days', days: 30 },
    });
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '30.00'));
    await expect(
      f.admin.vouchers.void.mutate({ voucherId: issued.voucherId }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    const voided = await server.operator.vouchers.void.mutate({ voucherId: issued.voucherId });
    expect(voided).toEqual({
      voucherId: issued.voucherId,
      number: issued.number,
      forfeited: '70.00',
      replayed: false,
    });
    const [voucher] = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect([voucher?.status, voucher?.balance]).toEqual(['voided', '0.00']);
    const ledger = await f.admin.ledger.list.query({
      accountId: f.accountId,
      instrumentId: issued.voucherId,
    });
    expect(ledger.items.map((e) => [e.amount, e.balanceAfter, e.reason])).toEqual([
      ['-70.00', '0.00', 'void'],
      ['-30.00', '70.00', 'charge'],
      ['100.00', '100.00', 'voucher_issue'],
    ]);

    await fundCash(server, f.remittanceRef, '5.00');
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '5.00'));
    expect(charge.parts.map((p) => [p.source, p.amount])).toEqual([['cash', '5.00']]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.regularVouchers).toEqual({ usable: '0.00', count: 0 });

    await expect(
      server.operator.vouchers.void.mutate({ voucherId: issued.voucherId }),
    ).resolves.toEqual({ ...voided, replayed: true });
    const voids = await f.admin.ledger.list.query({ accountId: f.accountId, reason: 'void' });
    expect(voids.items).toHaveLength(1);
  });

  it('voids a voucher activated from a code', async ({ expect }) => {
    const f = await newFixture(server);
    const { codes } = await newBatch(server, Date.now(), { amount: '40.00', quantity: 1 });
    const voucher = await f.admin.vouchers.activate.mutate({
      accountId: f.accountId,
      code: codes[0]!,
    });
    await expect(
      server.operator.vouchers.void.mutate({ voucherId: voucher.voucherId }),
    ).resolves.toMatchObject({ forfeited: '40.00', replayed: false });
    await expect(
      f.admin.vouchers.list.query({ accountId: f.accountId, status: 'voided' }),
    ).resolves.toEqual([
      expect.objectContaining({ voucherId: voucher.voucherId, balance: '0.00' }),
    ]);
  });
});

describe('activation in time (in process, with a clock the test moves)', () => {
  beforeEach(() => {
    // Every throttling window, the shared 127.0.0.1 one included, is over: each test starts
    // with fresh counters.
    clock.advance(WINDOW_MS + 60_000);
  });

  it('counts "N days" from activation, not from the batch', async () => {
    const f = await newFixture(clocked);
    const createdAtMs = clock.nowMs();
    const { codes } = await newBatch(clocked, createdAtMs, {
      codeDeadlineMs: createdAtMs + 10 * DAY_MS,
      validity: { kind: 'days', days: 30 },
    });
    clock.advance(3 * DAY_MS);
    const voucher = await f.admin.vouchers.activate.mutate({
      accountId: f.accountId,
      code: codes[0]!,
    });
    expect([voucher.activatedAtMs, voucher.validFromMs, voucher.expiresAtMs]).toEqual([
      createdAtMs + 3 * DAY_MS,
      createdAtMs + 3 * DAY_MS,
      createdAtMs + 33 * DAY_MS,
    ]);
  });

  it('gives a fixed-dates batch its dates, whenever the code is activated', async () => {
    const f = await newFixture(clocked);
    const t = clock.nowMs();
    const validity = {
      kind: 'fixed' as const,
      validFromMs: t + DAY_MS,
      expiresAtMs: t + 60 * DAY_MS,
    };
    const { batch, codes } = await newBatch(clocked, t, { amount: '12.34', validity });
    expect(batch.validity).toEqual(validity);
    clock.advance(2 * DAY_MS);
    const voucher = await f.admin.vouchers.activate.mutate({
      accountId: f.accountId,
      code: codes[2]!,
    });
    expect(voucher).toMatchObject({
      type: 'regular',
      denomination: '12.34',
      activatedAtMs: t + 2 * DAY_MS,
      validFromMs: t + DAY_MS,
      expiresAtMs: t + 60 * DAY_MS,
    });
  });

  it('refuses a fixed-dates batch that ends before its codes stop being activatable', async () => {
    const t = clock.nowMs();
    const input: BatchInput = {
      requestId: uid('batch'),
      amount: '50.00',
      quantity: 1,
      codeDeadlineMs: t + 10 * DAY_MS,
      validity: { kind: 'fixed', validFromMs: t, expiresAtMs: t + DAY_MS },
    };
    // Codes activated late must still get a voucher that pays: refused at creation.
    await expect(clocked.operator.vouchers.createCodeBatch.mutate(input)).rejects.toMatchObject({
      data: {
        code: 'BAD_REQUEST',
        domainCode: 'INVALID_VALIDITY',
        issues: [{ path: 'validity.expiresAtMs' }],
      },
    });
  });

  //  activated at, relative to the code deadline    outcome
  const DEADLINE: readonly (readonly [number, string])[] = [
    [-1, 'ok'],
    [0, 'CODE_EXPIRED'], // the deadline is exclusive
    [DAY_MS, 'CODE_EXPIRED'],
  ];

  it('a code past its deadline (the deadline itself is too late)', async () => {
    const f = await newFixture(clocked);
    const outcomes: string[] = [];
    for (const [offsetMs] of DEADLINE) {
      // A batch per row, so that time only moves forward.
      const deadlineMs = clock.nowMs() + 3_600_000;
      const { codes } = await newBatch(clocked, clock.nowMs(), { codeDeadlineMs: deadlineMs });
      clock.set(deadlineMs + offsetMs);
      outcomes.push(await outcomeOf(activate(f.admin, f.accountId, codes[0]!)));
    }
    expect(outcomes).toEqual(DEADLINE.map(([, expected]) => expected));
  });
});

describe('throttling of failed activations (5 per 15 minutes by default)', () => {
  beforeEach(() => {
    clock.advance(WINDOW_MS + 60_000);
  });

  it('throttles an account after 5 failures, even a valid code, from any address', async () => {
    const f = await newFixture(clocked);
    const other = await newFixture(clocked);
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 2 });
    const outcomes: string[] = [];
    for (let i = 0; i < LIMIT; i++) {
      outcomes.push(await outcomeOf(activate(f.admin, f.accountId, neverIssuedCode())));
    }
    expect(outcomes).toEqual(Array(LIMIT).fill('CODE_UNKNOWN'));
    const error = await f.admin.vouchers.activate
      .mutate({ accountId: f.accountId, code: codes[0]! })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: 'TOO_MANY_REQUESTS', domainCode: 'THROTTLED' } });
    expect((error as Error).message).toMatch(/try again in \d+ seconds/);

    // Per account: the same account from another address is still throttled ...
    const fromElsewhere = clientFrom(clocked, await newAdminKey(clocked, f.accountId), '127.0.0.2');
    await expect(
      fromElsewhere.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! }),
    ).rejects.toMatchObject({ data: { domainCode: 'THROTTLED' } });
    // ... while another account from that address is not.
    const otherKey = await newAdminKey(clocked, other.accountId);
    const otherElsewhere = clientFrom(clocked, otherKey, '127.0.0.2');
    await expect(
      otherElsewhere.vouchers.activate.mutate({ accountId: other.accountId, code: codes[1]! }),
    ).resolves.toMatchObject({ replayed: false });
    await expect(f.admin.vouchers.list.query({ accountId: f.accountId })).resolves.toEqual([]);
  });

  it('counts each attempt of a batched call: 10 guesses get at most 5 answers', async () => {
    const f = await newFixture(clocked);
    const sent = { requests: 0 };
    const batched = clientFrom(clocked, await newAdminKey(clocked, f.accountId), '127.0.0.3', {
      batch: true,
      sent,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        outcomeOf(activate(batched, f.accountId, neverIssuedCode())),
      ),
    );
    expect(sent.requests).toBe(1);
    const counts = tally(outcomes);
    expect(Object.keys(counts).sort()).toEqual(['CODE_UNKNOWN', 'THROTTLED']);
    expect(counts.CODE_UNKNOWN).toBeLessThanOrEqual(LIMIT);
    expect(counts.THROTTLED).toBeGreaterThanOrEqual(10 - LIMIT);
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 1 });
    await expect(
      f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! }),
    ).rejects.toMatchObject({ data: { domainCode: 'THROTTLED' } });
  });

  it('delays a client address whose failures are spread over many accounts', async () => {
    // An address gets ten times an account's failures across all accounts before it is held
    // back: 50 here, four per account so that no account reaches its own budget.
    const ADDRESS_FREE = 10 * LIMIT;
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil(ADDRESS_FREE / (LIMIT - 1)) + 1 }, () => newFixture(clocked)),
    );
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 1 });
    const fresh = accounts.pop()!;
    const outcomes: string[] = [];
    for (let i = 0; i < ADDRESS_FREE; i++) {
      const f = accounts[Math.floor(i / (LIMIT - 1))]!;
      outcomes.push(await outcomeOf(activate(f.admin, f.accountId, neverIssuedCode())));
    }
    expect(tally(outcomes)).toEqual({ CODE_UNKNOWN: ADDRESS_FREE });
    const error = await activate(fresh.admin, fresh.accountId, codes[0]!).catch((e) => e);
    expect(error).toMatchObject({ data: { code: 'TOO_MANY_REQUESTS', domainCode: 'THROTTLED' } });
    // Held back for a short delay (at most a minute), not for the window.
    const seconds = Number(/try again in (\d+) seconds/.exec((error as Error).message)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // That account's own counters are clean: from another address it works at once.
    const elsewhere = clientFrom(clocked, await newAdminKey(clocked, fresh.accountId), '127.0.0.4');
    await expect(
      elsewhere.vouchers.activate.mutate({ accountId: fresh.accountId, code: codes[0]! }),
    ).resolves.toMatchObject({ accountId: fresh.accountId, replayed: false });
  });

  it('lets an account through after the delay its address announced', async () => {
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil((10 * LIMIT) / (LIMIT - 1)) + 1 }, () => newFixture(clocked)),
    );
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 1 });
    const fresh = accounts.pop()!;
    for (let i = 0; i < 10 * LIMIT; i++) {
      const f = accounts[Math.floor(i / (LIMIT - 1))]!;
      await outcomeOf(activate(f.admin, f.accountId, neverIssuedCode()));
    }
    const error = await activate(fresh.admin, fresh.accountId, codes[0]!).catch((e) => e);
    const seconds = Number(/try again in (\d+) seconds/.exec((error as Error).message)?.[1]);
    expect(seconds).toBeLessThanOrEqual(60);
    clock.advance(seconds * 1000);
    await expect(activate(fresh.admin, fresh.accountId, codes[0]!)).resolves.toMatchObject({
      replayed: false,
    });
  });

  it('lets attempts through again once the window is over', async () => {
    const f = await newFixture(clocked);
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 1 });
    const startMs = clock.nowMs();
    for (let i = 0; i < LIMIT; i++) {
      await outcomeOf(activate(f.admin, f.accountId, neverIssuedCode()));
    }
    const attempt = () =>
      outcomeOf(f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: codes[0]! }));
    clock.set(startMs + WINDOW_MS - 1);
    expect(await attempt()).toBe('THROTTLED');
    clock.set(startMs + WINDOW_MS);
    expect(await attempt()).toBe('ok');
  });

  it('does not count a successful activation as an attempt', async () => {
    const f = await newFixture(clocked);
    const { codes } = await newBatch(clocked, clock.nowMs(), { quantity: 4 });
    const attempt = (code: string) => outcomeOf(activate(f.admin, f.accountId, code));
    const outcomes: string[] = [];
    for (let i = 0; i < LIMIT - 1; i++) outcomes.push(await attempt(neverIssuedCode()));
    // Four successes (three codes, one of them replayed) between the failures.
    for (const code of [codes[0]!, codes[1]!, codes[1]!, codes[2]!]) {
      outcomes.push(await attempt(code));
    }
    outcomes.push(await attempt(neverIssuedCode()));
    outcomes.push(await attempt(codes[3]!));
    expect(outcomes).toEqual([
      ...Array(LIMIT - 1).fill('CODE_UNKNOWN'),
      'ok',
      'ok',
      'ok',
      'ok',
      'CODE_UNKNOWN', // the fifth failure is still answered
      'THROTTLED',
    ]);
  });
});
