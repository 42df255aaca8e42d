/**
 * The typed client for other TypeScript apps:
 *
 *   const wallet = createWalletClient({ url: 'http://127.0.0.1:8787', apiKey });
 *   await wallet.charges.settle.mutate({ ... });
 */
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import { MAX_BATCH_CALLS } from '../common/limits.ts';
import type { AppRouter } from './trpc/router.ts';

export type { AppRouter } from './trpc/router.ts';
/** The events webhooks deliver (docs/API.md, "Events"), for receivers written in TypeScript. */
export { EVENT_TYPES } from '../common/events.ts';
export type {
  ChargeBatch,
  EventOf,
  EventPayloads,
  EventType,
  WalletEvent,
  WebhookBody,
} from '../common/events.ts';

export interface WalletClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8787 (the client adds /trpc). */
  readonly url: string;
  readonly apiKey?: string;
  /**
   * Batch calls made in the same tick into one HTTP request (default true), at most as many
   * per request as the server takes.
   */
  readonly batch?: boolean;
  readonly fetch?: typeof fetch;
}

export function createWalletClient(options: WalletClientOptions) {
  const linkOptions = {
    url: `${options.url.replace(/\/$/, '')}/trpc`,
    headers: () => (options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const link =
    options.batch === false
      ? httpLink(linkOptions)
      : httpBatchLink({ ...linkOptions, maxItems: MAX_BATCH_CALLS });
  return createTRPCClient<AppRouter>({ links: [link] });
}

export type WalletClient = ReturnType<typeof createWalletClient>;
