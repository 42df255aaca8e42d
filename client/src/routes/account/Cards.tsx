/**
 * Prepaid cards: the account's cards, soonest to expire first, and *Buy cards* for admins
 * (quote and discount tier shown before confirming, paid from cash).
 */
import { createResource, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { cny, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { BuyCards } from './cards/BuyCards.tsx';
import { Badge, createNow, Loaded, useAccountId, valueOr, Validity, type Card } from './shared.tsx';

function CardTable(props: { cards: readonly Card[] }) {
  const now = createNow(60_000);
  const columns = (): Column<Card>[] => [
    {
      header: t('cards.number'),
      phone: 'title',
      class: 'mono nowrap',
      cell: (card) => card.number,
    },
    { header: t('cards.denomination'), numeric: true, cell: (card) => cny(card.denomination) },
    {
      header: t('cards.balance'),
      numeric: true,
      phone: 'amount',
      testId: 'card-balance',
      cell: (card) => cny(card.balance),
    },
    { header: t('cards.status'), phone: 'meta', cell: (card) => <Badge status={card.status} /> },
    {
      header: t('cards.validity'),
      cell: (card) => (
        <Validity
          fromMs={card.validFromMs}
          toMs={card.expiresAtMs}
          status={card.status}
          nowMs={now()}
        />
      ),
    },
    { header: t('cards.purchasedAt'), class: 'nowrap', cell: (card) => time(card.purchasedAtMs) },
    {
      header: t('cards.source'),
      cell: (card) => (
        <>
          {t(`cards.source.${card.source}`)}
          <Show when={card.partnerId}>
            {(partner) => <span class="muted small"> ({partner()})</span>}
          </Show>
        </>
      ),
    },
  ];
  return (
    <Show when={props.cards.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <DataTable
        label={t('cards.tableLabel')}
        testId="cards-table"
        rowTestId="card-row"
        rowAttrs={(card) => ({ 'data-number': card.number })}
        rows={props.cards}
        columns={columns()}
      />
    </Show>
  );
}

export default function Cards() {
  const accountId = useAccountId();
  const [cards, { refetch: refetchCards }] = createResource(accountId, (id) =>
    api.prepaidCards.list.query({ accountId: id }),
  );
  const [account, { refetch: refetchAccount }] = createResource(accountId, (id) =>
    api.accounts.get.query({ accountId: id }),
  );

  return (
    <section class="account-page" aria-labelledby="cards-title">
      <h1 id="cards-title">{t('cards.title')}</h1>
      <Show when={canWrite(accountId())}>
        <BuyCards
          accountId={accountId()}
          cash={valueOr(account, undefined)?.cash ?? null}
          overdue={valueOr(account, undefined)?.overdue ?? null}
          onPurchased={() => {
            void refetchCards();
            void refetchAccount();
          }}
        />
      </Show>
      <h2>{t('cards.listTitle')}</h2>
      <Loaded of={cards}>{(list) => <CardTable cards={list()} />}</Loaded>
    </section>
  );
}
