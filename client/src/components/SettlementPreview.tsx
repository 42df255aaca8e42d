/**
 * A settlement plan for people: "this 1,234.56 charge would be paid: 1,000.00 by regular
 * voucher V-…, 200.00 from cash, 34.56 to overdue", one line per part, then the total.
 * The plan comes from the shared planner; nothing here decides how a charge is paid.
 */
import { For, Show } from 'solid-js';
import { fenToAmount } from '../../../common/money.ts';
import {
  planTotalFen,
  type PlannedPart,
  type SettlementPlan,
} from '../../../common/settlement/plan.ts';
import { money } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import '../account.css';

function fen(amountFen: number): string {
  return money(fenToAmount(amountFen));
}

function PartLine(props: { part: PlannedPart }) {
  return (
    <li data-testid="settlement-part" data-source={props.part.source}>
      <span class="amount part-amount">{fen(props.part.amountFen)}</span>{' '}
      <span>
        {t(`components.part.${props.part.source}`, { number: props.part.instrumentNumber ?? '' })}
      </span>
      <Show when={props.part.balanceFenAfter !== null && props.part.source !== 'cash'}>
        {' '}
        <span class="muted">
          {t('components.part.balanceAfter', { amount: fen(props.part.balanceFenAfter ?? 0) })}
        </span>
      </Show>
    </li>
  );
}

export function SettlementPreview(props: { plan: SettlementPlan }) {
  return (
    <div class="settlement-preview" data-testid="settlement-preview">
      <p>{t('components.settlement.intro', { amount: fen(props.plan.amountFen) })}</p>
      <ol class="settlement-parts">
        <For each={props.plan.parts}>{(part) => <PartLine part={part} />}</For>
      </ol>
      <p class="settlement-total" data-testid="settlement-total">
        <strong>
          {t('components.settlement.total', { amount: fen(planTotalFen(props.plan)) })}
        </strong>
        {' — '}
        {t('components.settlement.paid', { amount: fen(props.plan.paidFen) })}
        <Show when={props.plan.remainderFen > 0}>
          {', '}
          <span class={props.plan.remainderSink === 'overdue' ? 'negative' : 'warn'}>
            {t(`components.settlement.remainder.${props.plan.remainderSink}`, {
              amount: fen(props.plan.remainderFen),
            })}
          </span>
        </Show>
      </p>
    </div>
  );
}
