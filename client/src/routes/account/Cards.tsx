/**
 * Prepaid cards: the account's cards, soonest to expire first, and *Buy cards* for admins
 * (quote and discount tier shown before confirming, paid from cash).
 */
import { createResource, For, Show } from 'solid-js';
import { cny, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { BuyCards } from './cards/BuyCards.tsx';
import { Badge, createNow, Loaded, useAccountId, valueOr, Validity, type Card } from './shared.tsx';

function CardTable(props: { cards: readonly Card[] }) {
  const now = createNow(60_000);
  return (
    <Show when={props.cards.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <div
        class="table-wrap"
        role="region"
        aria-label={t('cards.listTitle')}
        // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
        tabIndex={0}
      >
        <table data-testid="cards-table">
          <thead>
            <tr>
              <th scope="col">{t('cards.number')}</th>
              <th scope="col" class="amount">
                {t('cards.denomination')}
              </th>
              <th scope="col" class="amount">
                {t('cards.balance')}
              </th>
              <th scope="col">{t('cards.status')}</th>
              <th scope="col">{t('cards.validity')}</th>
              <th scope="col">{t('cards.purchasedAt')}</th>
              <th scope="col">{t('cards.source')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.cards}>
              {(card) => (
                <tr data-testid="card-row" data-number={card.number}>
                  <td class="mono">{card.number}</td>
                  <td class="amount">{cny(card.denomination)}</td>
                  <td class="amount" data-testid="card-balance">
                    {cny(card.balance)}
                  </td>
                  <td>
                    <Badge status={card.status} />
                  </td>
                  <td>
                    <Validity
                      fromMs={card.validFromMs}
                      toMs={card.expiresAtMs}
                      status={card.status}
                      nowMs={now()}
                    />
                  </td>
                  <td class="nowrap">{time(card.purchasedAtMs)}</td>
                  <td>
                    {t(`cards.source.${card.source}`)}
                    <Show when={card.partnerId}>
                      {(partner) => <span class="muted small"> ({partner()})</span>}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
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
