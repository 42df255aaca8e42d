/**
 * The typed tRPC client of the web UI. Same-origin requests carry the session cookie; calls
 * made in the same tick go in one request (up to the server's limit of calls per batch).
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { t } from './i18n.ts';
import { MAX_BATCH_CALLS } from '../../../common/limits.ts';
import type { AppRouter } from '../../../server/trpc/router.ts';

export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_CALLS })],
});

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The field issues of an API error (validation), or none. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof TRPCClientError)) return [];
  const issues = (error.data as { issues?: FieldIssue[] } | undefined)?.issues;
  return Array.isArray(issues) ? issues : [];
}

/** The message for one field, if the error names it. */
export function issueFor(error: unknown, path: string): string | undefined {
  return fieldIssues(error).find((issue) => issue.path === path)?.message;
}

/**
 * A message for people: the API's own message, which never carries internals; refusals of
 * access in the UI's language.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    return code === 'FORBIDDEN' ? t('common.forbidden') : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export type { AppRouter };
