/**
 * One charge and how it was paid, part by part in deduction order: the instrument, the
 * amount and its balance after; then the split between what the wallet paid, what went to
 * overdue and what was billed to the cloud account.
 */
import { A, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { cny, money, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { period } from './charges/ChargeTable.tsx';
import { Loaded, valueOr } from './shared.tsx';

type ChargeView = Awaited<ReturnType<typeof api.charges.get.query>>;

type Part = ChargeView['parts'][number];

function Parts(props: { parts: ChargeView['parts'] }) {
  const numbered = () => props.parts.map((part, index) => ({ part, n: index + 1 }));
  const columns = (): Column<{ part: Part; n: number }>[] => [
    { header: '#', phone: 'meta', cell: (row) => row.n },
    {
      header: t('charges.source'),
      phone: 'title',
      cell: (row) => t(`components.source.${row.part.source}`),
    },
    {
      header: t('charges.instrument'),
      phone: 'meta',
      class: 'mono nowrap',
      cell: (row) => row.part.instrumentNumber ?? '—',
    },
    {
      header: t('charges.amount'),
      numeric: true,
      phone: 'amount',
      testId: 'charge-part-amount',
      cell: (row) => money(row.part.amount),
    },
    {
      header: t('charges.balanceAfter'),
      numeric: true,
      cell: (row) => (row.part.balanceAfter === null ? '—' : money(row.part.balanceAfter)),
    },
  ];
  return (
    <DataTable
      label={t('charges.partsLabel')}
      testId="charge-parts"
      rowTestId="charge-part"
      rowAttrs={(row) => ({ 'data-source': row.part.source })}
      rows={numbered()}
      columns={columns()}
    />
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
