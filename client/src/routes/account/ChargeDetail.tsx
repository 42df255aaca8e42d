/**
 * One charge and how it was paid, part by part in deduction order: the instrument, the
 * amount and its balance after; then the split between what the wallet paid, what went to
 * overdue and what was billed to the cloud account.
 */
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { cny, money, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { period } from './charges/ChargeTable.tsx';
import { Loaded, valueOr } from './shared.tsx';

type ChargeView = Awaited<ReturnType<typeof api.charges.get.query>>;

function Parts(props: { parts: ChargeView['parts'] }) {
  return (
    <div
      class="table-wrap"
      role="region"
      aria-label={t('charges.howPaid')}
      // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
      tabIndex={0}
    >
      <table data-testid="charge-parts">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('charges.source')}</th>
            <th scope="col">{t('charges.instrument')}</th>
            <th scope="col" class="amount">
              {t('charges.amount')}
            </th>
            <th scope="col" class="amount">
              {t('charges.balanceAfter')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.parts}>
            {(part, index) => (
              <tr data-testid="charge-part" data-source={part.source}>
                <td>{index() + 1}</td>
                <td>{t(`components.source.${part.source}`)}</td>
                <td class="mono">{part.instrumentNumber ?? '—'}</td>
                <td class="amount" data-testid="charge-part-amount">
                  {money(part.amount)}
                </td>
                <td class="amount">
                  {part.balanceAfter === null ? '—' : money(part.balanceAfter)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function Split(props: { charge: ChargeView }) {
  return (
    <div class="cards-row">
      <div class="card stat">
        <div class="label">{t('charges.amount')}</div>
        <div class="value" data-testid="charge-total">
          {cny(props.charge.amount)}
        </div>
      </div>
      <div class="card stat">
        <div class="label">{t('charges.paidByWallet')}</div>
        <div class="value" data-testid="charge-paid">
          {cny(props.charge.paid)}
        </div>
      </div>
      <div class="card stat">
        <div class="label">{t('charges.overdue')}</div>
        <div
          class="value"
          classList={{ negative: props.charge.overdue !== '0.00' }}
          data-testid="charge-overdue"
        >
          {cny(props.charge.overdue)}
        </div>
      </div>
      <div class="card stat">
        <div class="label">{t('charges.cloud')}</div>
        <div class="value" data-testid="charge-cloud">
          {cny(props.charge.cloud)}
        </div>
      </div>
    </div>
  );
}

/** The router hands path segments over as they are in the URL, percent-escapes included. */
function decoded(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
}

export default function ChargeDetail() {
  const params = useParams<{ accountId?: string; chargeId?: string }>();
  const chargeId = () => decoded(params.chargeId);
  const [charge] = createResource(chargeId, (id) => api.charges.get.query({ chargeId: id }));
  const [workspaces] = createResource(
    () => params.accountId,
    (accountId) => api.workspaces.list.query({ accountId }),
  );
  const workspaceName = (id: string) =>
    valueOr(workspaces, []).find((workspace) => workspace.workspaceId === id)?.name;
  return (
    <section class="account-page" aria-labelledby="charge-title">
      <p>
        <A href={`/accounts/${params.accountId ?? ''}/charges`} data-testid="charge-back">
          ← {t('charges.back')}
        </A>
      </p>
      <h1 id="charge-title">{t('charges.detailTitle', { id: chargeId() })}</h1>
      <Loaded of={charge}>
        {(c) => (
          <>
            <dl class="details">
              <dt>{t('charges.workspace')}</dt>
              <dd data-testid="charge-workspace">
                {workspaceName(c().workspaceId) ?? c().workspaceId}
                <Show when={workspaceName(c().workspaceId)}>
                  <span class="muted"> ({c().workspaceId})</span>
                </Show>
              </dd>
              <dt>{t('charges.category')}</dt>
              <dd>{t(`components.category.${c().category}`)}</dd>
              <dt>{t('charges.period')}</dt>
              <dd>{period(c())}</dd>
              <dt>{t('charges.settledAt')}</dt>
              <dd>{time(c().settledAtMs)}</dd>
              <dt>{t('charges.method')}</dt>
              <dd data-testid="charge-method">
                {t(`components.method.${c().settlementMethod}`)}
                <Show when={c().cloudProvider}>
                  {(provider) => (
                    <>
                      {' '}
                      · {t(`components.provider.${provider()}`)} {c().cloudAccountId}
                    </>
                  )}
                </Show>
              </dd>
              <Show when={c().description}>
                <dt>{t('charges.description')}</dt>
                <dd>{c().description}</dd>
              </Show>
            </dl>
            <Split charge={c()} />
            <h2>{t('charges.howPaid')}</h2>
            <Parts parts={c().parts} />
          </>
        )}
      </Loaded>
    </section>
  );
}
