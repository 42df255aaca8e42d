/**
 * First pages: how long the statement (`ledger.list`) and the charges list (`charges.list`) of
 * an account take to answer their first page, one request at a time over HTTP through the
 * typed client, with no other load on the server. Run on the empty database and on the full
 * books, so a listing that scans instead of seeking shows up as a difference.
 */
import { performance } from 'node:perf_hooks';
import { createWalletClient } from '../server/client.ts';
import { percentile } from './load.ts';

export interface PageFigures {
  readonly name: string;
  readonly requests: number;
  /** Rows on the page, to show the page was full. */
  readonly rows: number;
  readonly latencyMsP50: number;
  readonly latencyMsMax: number;
}

const WARMUP = 5;
const TIMED = 40;

export async function timeFirstPages(
  label: string,
  url: string,
  operatorKey: string,
  accountId: string,
): Promise<PageFigures[]> {
  const client = createWalletClient({ url, apiKey: operatorKey, batch: false });
  const statement = () => client.ledger.list.query({ accountId }).then((page) => page.items.length);
  const chargesList = () =>
    client.charges.list.query({ accountId }).then((page) => page.items.length);
  // An operator may list every account's charges at once, newest first.
  const everyAccount = () => client.charges.list.query({}).then((page) => page.items.length);
  return [
    await timeCalls(`${label}: statement, first page (ledger.list)`, statement),
    await timeCalls(`${label}: charges, first page (charges.list)`, chargesList),
    await timeCalls(`${label}: all accounts' charges, first page`, everyAccount),
  ];
}

async function timeCalls(name: string, call: () => Promise<number>): Promise<PageFigures> {
  for (let i = 0; i < WARMUP; i++) await call();
  const latencies: number[] = [];
  let rows = 0;
  for (let i = 0; i < TIMED; i++) {
    const startMs = performance.now();
    rows = await call();
    latencies.push(performance.now() - startMs);
  }
  return {
    name,
    requests: TIMED,
    rows,
    latencyMsP50: percentile(latencies, 50),
    latencyMsMax: Math.max(...latencies),
  };
}
