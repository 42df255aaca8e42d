/**
 * The payment seam, checked rather than hoped for: outside server/payments/ no code names an
 * Alipay field or imports an Alipay module. Services and routers talk to a PaymentProvider
 * (server/payments/provider.ts, providers.ts) and see provider-neutral shapes only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
/** Where the domain lives: it must not know which provider takes the money. */
const DOMAIN = ['server/services', 'server/trpc', 'common'];
/** Alipay's protocol words, as they appear in notifies, queries and requests. */
const ALIPAY_WORDS = [
  'trade_status',
  'out_trade_no',
  'total_amount',
  'trade_no',
  'seller_id',
  'app_id',
  'notify_id',
  'biz_content',
  'TRADE_SUCCESS',
  'WAIT_BUYER_PAY',
];
/** The payment modules the domain may import: the seam, not an implementation. */
const ALLOWED_IMPORTS = ['payments/provider.ts', 'payments/providers.ts'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const domainFiles = DOMAIN.flatMap((dir) => filesUnder(join(ROOT, dir)));

describe('the payment seam', () => {
  it('reads the domain (so the checks below look at something)', () => {
    const names = domainFiles.map((file) => relative(ROOT, file));
    expect(names).toContain('server/services/topUps/notify.ts');
    expect(names).toContain('server/services/topUps/reconcile.ts');
  });

  it('keeps Alipay field names out of services, routers and common', () => {
    const found = domainFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return ALIPAY_WORDS.filter((word) => new RegExp(`\\b${word}\\b`).test(text)).map(
        (word) => `${relative(ROOT, file)}: ${word}`,
      );
    });
    expect(found).toEqual([]);
  });

  it('lets the domain import only the provider seam from server/payments/', () => {
    const found = domainFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from '([^']*payments\/[^']*)'/g)].map((m) => m[1] ?? '');
      return imports
        .filter((path) => !ALLOWED_IMPORTS.some((allowed) => path.endsWith(allowed)))
        .map((path) => `${relative(ROOT, file)} imports ${path}`);
    });
    expect(found).toEqual([]);
  });
});
