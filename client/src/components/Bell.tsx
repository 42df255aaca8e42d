/**
 * The bell in the header: an account's unread notifications, linking to its list. Asks on
 * every page change, once a minute, and when the list marks some read.
 */
import { A, useLocation } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { api } from '../lib/trpc.ts';
import { unreadGeneration } from '../lib/unread.ts';
import { createNow } from '../routes/account/shared.tsx';
import './Bell.css';

const EVERY_MS = 60_000;

export function Bell(props: { accountId: string }) {
  const location = useLocation();
  const now = createNow(EVERY_MS);
  const [unread] = createResource(
    () => ({
      accountId: props.accountId,
      path: location.pathname,
      generation: unreadGeneration(),
      at: now(),
    }),
    // The bell is an extra: a failure shows no count rather than an error in the header.
    ({ accountId }) =>
      api.notifications.unreadCount.query({ accountId }).then(
        (answer) => answer.count,
        () => 0,
      ),
  );
  const count = () =>
    unread.state === 'ready' || unread.state === 'refreshing' ? (unread.latest ?? 0) : 0;
  return (
    <A
      href={`/accounts/${props.accountId}/notifications`}
      class="bell"
      aria-label={count() > 0 ? t('bell.label', { n: count() }) : t('bell.labelNone')}
      data-testid="bell"
      data-count={count()}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      <Show when={count() > 0}>
        <span class="bell-count" aria-hidden="true" data-testid="bell-count">
          {count() > 99 ? '99+' : count()}
        </span>
      </Show>
    </A>
  );
}
