/**
 * What stands between an address and its page: the operator console only for operators
 * (anyone else is sent home, which is their own account), and an account's pages only once
 * the server agreed to show that account — "not found" when it does not exist (operators
 * learn that), "not allowed" when it is not theirs (strangers learn nothing more).
 */
import { A, Navigate, useParams } from '@solidjs/router';
import { TRPCClientError } from '@trpc/client';
import { createResource, Match, Show, Switch, type ParentProps } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { canWrite, user } from '../lib/session.ts';
import { api, errorMessage } from '../lib/trpc.ts';

/** The transport code of an API error ("NOT_FOUND", "FORBIDDEN", …), or null. */
function transportCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : null;
}

export function OperatorOnly(props: ParentProps) {
  return (
    <Show when={user()?.isOperator} fallback={<Navigate href="/" />}>
      {props.children}
    </Show>
  );
}

/** An account's admin pages: "not allowed" for its viewers. */
export function AccountAdminOnly(props: ParentProps) {
  const params = useParams<{ accountId: string }>();
  return (
    <Show when={canWrite(params.accountId)} fallback={<NotAllowed />}>
      {props.children}
    </Show>
  );
}

export function AccountGate(props: ParentProps) {
  const params = useParams<{ accountId: string }>();
  const [account] = createResource(
    () => params.accountId,
    (accountId) => api.accounts.get.query({ accountId }),
  );
  const refusal = () => (account.state === 'errored' ? transportCode(account.error) : null);
  return (
    <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
      <Match when={refusal() === 'NOT_FOUND'}>
        <NotFound what="account" />
      </Match>
      <Match when={refusal() === 'FORBIDDEN'}>
        <NotAllowed />
      </Match>
      <Match when={account.state === 'errored'}>
        <p class="error" role="alert">
          {errorMessage(account.error)}
        </p>
      </Match>
      <Match when={account.state === 'ready' || account.state === 'refreshing'}>
        {props.children}
      </Match>
    </Switch>
  );
}

export function NotFound(props: { what?: 'page' | 'account' }) {
  const key = () => (props.what === 'account' ? 'notFound.account' : 'notFound.page');
  return (
    <section class="account-page" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">{t(`${key()}.title`)}</h1>
      <p>{t(`${key()}.text`)}</p>
      <p>
        <A href="/">{t('notFound.home')}</A>
      </p>
    </section>
  );
}

export function NotAllowed() {
  return (
    <section class="account-page" aria-labelledby="not-allowed-title" data-testid="not-allowed">
      <h1 id="not-allowed-title">{t('notAllowed.title')}</h1>
      <p class="error" role="alert">
        {t('common.forbidden')}
      </p>
      <p>
        <A href="/">{t('notFound.home')}</A>
      </p>
    </section>
  );
}
