/** Reading the wallet's domain error code out of an API error (see common/errors.ts). */
import { TRPCClientError } from '@trpc/client';

/** The domain code of an API error ("METHOD_CHANGE_LIMIT", "VALIDATION", …), or null. */
export function domainCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const code = (error.data as { domainCode?: unknown } | undefined)?.domainCode;
  return typeof code === 'string' ? code : null;
}
