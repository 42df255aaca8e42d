/**
 * CSV downloads, as plain GET routes (a link in the web UI downloads them with the session
 * cookie; machine clients send their API key): the statement and the charges list. Both
 * stream keyset pages; `lang=zh|en` chooses the language of headers and words (English
 * unless asked). Query parameters are the filters of `ledger.list` and `charges.list`.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { DomainError } from '../common/errors.ts';
import { fieldIssuesOf } from '../common/issues.ts';
import { ChargeFilterInput, CsvLanguageInput, LedgerFilterInput } from '../common/schemas.ts';
import type { ServiceContext } from './context.ts';
import { exportChargesCsv } from './services/charges/exportCsv.ts';
import { requireReadableAccount } from './services/access.ts';
import { exportLedgerCsv } from './services/ledger/exportCsv.ts';
import {
  domainErrorData,
  errorBody,
  httpStatusOf,
  validationData,
  type ErrorData,
} from './trpc/errors.ts';

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
  if (!ctx) return failure(c, 'SIGN_IN_REQUIRED', 'sign in, or send a valid API key');
  if (ctx.actor.mustChangePassword) {
    return failure(c, 'PASSWORD_CHANGE_REQUIRED', 'your password was reset: choose a new one first');
  }
  const query = numericTimes(c.req.query());
  const filter = v.safeParse(schema, query);
  const language = v.safeParse(CsvLanguageInput, query);
  if (!filter.success || !language.success) {
    const issues = [...(filter.issues ?? []), ...(language.issues ?? [])];
    return answer(c, validationData(fieldIssuesOf(issues)));
  }
  try {
    // Refused before the stream starts: a missing account is NOT_FOUND to an operator.
    const accountId = (filter.output as { accountId?: string }).accountId;
    if (accountId !== undefined) await requireReadableAccount(ctx, accountId);
    const file = await open(ctx, filter.output, language.output.lang);
    return new Response(file.body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.name}"`,
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return answer(c, domainErrorData(error));
    throw error;
  }
}

/** A refused download: the same error data as a tRPC error, as JSON. */
function answer(c: Context, data: ErrorData): Response {
  return c.json(errorBody(data), httpStatusOf(data.domainCode) as ContentfulStatusCode);
}

function failure(
  c: Context,
  domainCode: 'SIGN_IN_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED',
  message: string,
): Response {
  return answer(c, { domainCode, params: {}, issues: [], message });
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
