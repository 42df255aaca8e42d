/**
 * CSV downloads, as plain GET routes (a link in the web UI downloads them with the session
 * cookie; machine clients send their API key): the statement and the charges list. Both
 * stream keyset pages; `lang=zh|en` chooses the language of headers and words (English
 * unless asked). Query parameters are the filters of `ledger.list` and `charges.list`.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { DOMAIN_ERRORS, DomainError } from '../common/errors.ts';
import { ChargeFilterInput, CsvLanguageInput, LedgerFilterInput } from '../common/schemas.ts';
import type { ServiceContext } from './context.ts';
import { exportChargesCsv } from './services/charges/exportCsv.ts';
import { exportLedgerCsv } from './services/ledger/exportCsv.ts';

/** The service context of a request, or null when it carries no valid key or session. */
export type RequestServiceContext = (c: Context) => Promise<ServiceContext | null>;

const TIME_PARAMS = ['fromMs', 'toMs', 'periodFromMs', 'periodToMs'];

export function csvRoutes(contextOf: RequestServiceContext): Hono {
  const app = new Hono();
  app.get('/ledger/export.csv', (c) =>
    download(c, contextOf, LedgerFilterInput, async (ctx, filter, lang) => ({
      name: `statement-${filter.accountId}.csv`,
      body: exportLedgerCsv(ctx, filter, lang),
    })),
  );
  app.get('/charges/export.csv', (c) =>
    download(c, contextOf, ChargeFilterInput, async (ctx, filter, lang) => ({
      name: `charges-${filter.accountId ?? filter.workspaceId ?? 'all'}.csv`,
      body: await exportChargesCsv(ctx, filter, lang),
    })),
  );
  return app;
}

async function download<S extends v.GenericSchema>(
  c: Context,
  contextOf: RequestServiceContext,
  schema: S,
  open: (
    ctx: ServiceContext,
    filter: v.InferOutput<S>,
    lang: 'zh' | 'en',
  ) => Promise<{ name: string; body: ReadableStream<Uint8Array> }>,
): Promise<Response> {
  const ctx = await contextOf(c);
  if (!ctx) return c.json({ error: 'sign in, or send a valid API key' }, 401);
  const query = numericTimes(c.req.query());
  const filter = v.safeParse(schema, query);
  const language = v.safeParse(CsvLanguageInput, query);
  if (!filter.success || !language.success) {
    const issues = [...(filter.issues ?? []), ...(language.issues ?? [])].map((issue) => ({
      path: v.getDotPath(issue) ?? '(input)',
      message: issue.message,
    }));
    return c.json({ error: 'invalid query', issues }, 400);
  }
  try {
    const file = await open(ctx, filter.output, language.output.lang);
    return new Response(file.body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.name}"`,
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      const transport = DOMAIN_ERRORS[error.code];
      const status = transport === 'FORBIDDEN' ? 403 : transport === 'NOT_FOUND' ? 404 : 400;
      return c.json({ error: error.message }, status);
    }
    throw error;
  }
}

/**
 * Query parameters as the filter schemas expect them: whole numbers for the time bounds.
 * Anything but digits stays a string, so the schema refuses it with the field's name.
 */
function numericTimes(raw: Record<string, string>): Record<string, unknown> {
  const query: Record<string, unknown> = { ...raw };
  for (const key of TIME_PARAMS) {
    const value = query[key];
    if (typeof value === 'string' && /^[0-9]{1,16}$/.test(value)) query[key] = Number(value);
  }
  return query;
}
