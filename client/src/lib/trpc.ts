/**
 * The typed tRPC client of the web UI. Same-origin requests carry the session cookie; calls
 * made in the same tick go in one request (up to the server's limit of calls per batch). Its
 * errors are read by lib/errors.ts.
 */
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { MAX_BATCH_CALLS } from '../../../common/limits.ts';
import { errorText, fieldIssues, issueText } from './errors.ts';
import type { AppRouter } from '../../../server/trpc/router.ts';

export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_CALLS })],
});

export { fieldIssues, type FieldIssue } from './errors.ts';

/** The words for one field's issue, if the error names that field (see lib/errors.ts). */
export function issueFor(error: unknown, path: string): string | undefined {
  const issue = fieldIssues(error).find((candidate) => candidate.path === path);
  return issue ? issueText(issue) : undefined;
}

/** An error for people, in the UI's language (see lib/errors.ts). */
export function errorMessage(error: unknown): string {
  return errorText(error);
}

export type { AppRouter };
