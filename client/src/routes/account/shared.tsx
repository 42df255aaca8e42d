/**
 * Building blocks shared by the account pages: the API's output types, the route's account
 * id, a resource view with loading and error states, status badges, the 30-day expiry
 * warning, and the mapping of vouchers and cards to the settlement planner's snapshots
 * (the registry's, common/wallet/instruments.ts, as the server's wallet reads them).
 */
import { walletNowMs } from '../../lib/clock.ts';
import { useParams } from '@solidjs/router';
import { TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import {
  createSignal,
  Match,
  onCleanup,
  Show,
  Switch,
  type Accessor,
  type JSX,
  type Resource,
} from 'solid-js';
import { amountToFen } from '../../../../common/money.ts';
import type { InstrumentSnapshot } from '../../../../common/settlement/plan.ts';
import { DAY_MS } from '../../../../common/time.ts';
import { INSTRUMENT_TABLES } from '../../../../common/wallet/instruments.ts';
import { daysUntil, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { errorMessage, type AppRouter } from '../../lib/trpc.ts';

type Outputs = inferRouterOutputs<AppRouter>;
export type AccountView = Outputs['accounts']['get'];
export type Voucher = Outputs['vouchers']['list'][number];
export type Card = Outputs['prepaidCards']['list'][number];
export type Workspace = Outputs['workspaces']['list'][number];
export type Charge = Outputs['charges']['list']['items'][number];
export type Quote = Outputs['prepaidCards']['quote'];

/** The spec's warning window for instruments about to expire. */
export const EXPIRY_WARNING_DAYS = 30;

/** The :accountId of the current route. */
export function useAccountId(): Accessor<string> {
  const params = useParams<{ accountId?: string }>();
  return () => params.accountId ?? '';
}

/** The domain error code the API attached to an error (INSUFFICIENT_CASH, …), if any. */
export function domainCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { domainCode?: string | null } | undefined)?.domainCode ?? null;
}

function hasValue<T>(resource: Resource<T>): boolean {
  return resource.state === 'ready' || resource.state === 'refreshing';
}

/** The resource's value, or `fallback` while it loads or when it failed. */
export function valueOr<T>(resource: Resource<T>, fallback: T): T {
  return hasValue(resource) ? (resource.latest ?? fallback) : fallback;
}

/** Loading text, an error alert, or the children with the value (kept while refreshing). */
export function Loaded<T>(props: {
  of: Resource<T>;
  children: (value: Accessor<T>) => JSX.Element;
}) {
  return (
    <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
      <Match when={props.of.state === 'errored'}>
        <p class="error" role="alert">
          {errorMessage(props.of.error)}
        </p>
      </Match>
      <Match when={hasValue(props.of)}>{props.children(() => props.of.latest as T)}</Match>
    </Switch>
  );
}

/** A status in words, coloured by the base styles (active, grace, locked, expired, …). */
export function Badge(props: { status: string; testId?: string }) {
  return (
    <span class={`badge ${props.status}`} data-status={props.status} data-testid={props.testId}>
      {t(`components.status.${props.status}`)}
    </span>
  );
}

/** Whether an instrument still valid at `nowMs` expires within the warning window. */
export function expiresSoon(expiresAtMs: number, nowMs: number): boolean {
  return nowMs < expiresAtMs && expiresAtMs <= nowMs + EXPIRY_WARNING_DAYS * DAY_MS;
}

/**
 * "valid from – to", with a warning when an active instrument expires within 30 days. Times,
 * not dates: the expiry is an exclusive instant that may fall mid-day.
 */
export function Validity(props: { fromMs: number; toMs: number; status: string; nowMs: number }) {
  return (
    <>
      <span class="nowrap">
        {t('components.validity', {
          from: time(props.fromMs),
          to: time(props.toMs),
        })}
      </span>
      <Show when={props.status === 'active' && expiresSoon(props.toMs, props.nowMs)}>
        <span class="warn expiry-warning" data-testid="expiry-warning">
          {t('components.expiresIn', { days: daysUntil(props.toMs, props.nowMs) })}
        </span>
      </Show>
    </>
  );
}

/** Vouchers and cards as the settlement planner sees them, read as the registry reads them. */
export function toSnapshots(
  vouchers: readonly Voucher[],
  cards: readonly Card[],
): InstrumentSnapshot[] {
  const fromVouchers = vouchers.map((voucher) => ({
    id: voucher.voucherId,
    number: voucher.number,
    kind: INSTRUMENT_TABLES.vouchers.kindOf(voucher),
    status: voucher.status,
    balanceFen: amountToFen(voucher.balance),
    validFromMs: voucher.validFromMs,
    expiresAtMs: voucher.expiresAtMs,
    activatedAtMs: INSTRUMENT_TABLES.vouchers.heldSinceMs(voucher),
  }));
  const fromCards = cards.map((card) => ({
    id: card.cardId,
    number: card.number,
    kind: INSTRUMENT_TABLES.prepaid_cards.kindOf(),
    status: card.status,
    balanceFen: amountToFen(card.balance),
    validFromMs: card.validFromMs,
    expiresAtMs: card.expiresAtMs,
    activatedAtMs: INSTRUMENT_TABLES.prepaid_cards.heldSinceMs(card),
  }));
  return [...fromVouchers, ...fromCards];
}

/** The current time as a signal, ticking every `everyMs` while the component lives. */
export function createNow(everyMs: number): Accessor<number> {
  const [now, setNow] = createSignal(walletNowMs());
  const timer = setInterval(() => setNow(walletNowMs()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
