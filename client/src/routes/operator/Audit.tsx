/**
 * The audit: checks every invariant of the spec over the whole database and lists what
 * violates one; and the expiry job, run on demand (it also runs on a timer).
 */
import { createSignal, For, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { createAction } from '../../console/form.tsx';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import type { Outputs } from '../../console/types.ts';
import { tOr } from '../../console/words.ts';
import { cny, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api, errorMessage } from '../../lib/trpc.ts';
import '../../console.css';

type AuditReport = Outputs['admin']['audit'];
type ExpiryReport = Outputs['admin']['runExpiry'];
type Violation = AuditReport['violations'][number];

const violationColumns = (): Column<Violation>[] => [
  { header: t('operator.audit.check'), phone: 'title', class: 'mono', cell: (v) => v.check },
  { header: t('operator.audit.subject'), class: 'mono', cell: (v) => v.subject },
  { header: t('operator.audit.detail'), cell: (v) => v.detail },
];

export default function OperatorAudit() {
  const [report, setReport] = createSignal<AuditReport | null>(null);
  const [expiry, setExpiry] = createSignal<ExpiryReport | null>(null);
  const audit = createAction(() => api.admin.audit.query());
  const expire = createAction(() => api.admin.runExpiry.mutate());

  return (
    <section class="console-page" aria-labelledby="audit-title">
      <OperatorNav />
      <h1 id="audit-title">{t('operator.audit.title')}</h1>
      <p class="muted small">{t('operator.audit.explain')}</p>
      <div class="button-row">
        <button
          type="button"
          disabled={audit.busy()}
          onClick={async () => setReport((await audit.run()) ?? null)}
          data-testid="audit-run"
        >
          {audit.busy() ? t('operator.audit.running') : t('operator.audit.run')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={expire.busy()}
          onClick={async () => setExpiry((await expire.run()) ?? null)}
          data-testid="expiry-run"
        >
          {expire.busy() ? t('operator.audit.running') : t('operator.expiry.run')}
        </button>
      </div>
      <Show when={audit.error()}>
        <p class="error" role="alert">
          {errorMessage(audit.error())}
        </p>
      </Show>
      <Show when={expire.error()}>
        <p class="error" role="alert">
          {errorMessage(expire.error())}
        </p>
      </Show>
      <Show when={expiry()}>{(r) => <ExpiryResult report={r()} />}</Show>
      <Show when={report()}>{(r) => <AuditResult report={r()} />}</Show>
    </section>
  );
}

function AuditResult(props: { report: AuditReport }) {
  const r = () => props.report;
  return (
    <section
      class="card stack"
      aria-labelledby="audit-result-title"
      data-testid="audit-result"
      data-ok={String(r().ok)}
    >
      <h2
        id="audit-result-title"
        classList={{ ok: r().ok, negative: !r().ok }}
        data-testid="audit-status"
      >
        {r().ok
          ? t('operator.audit.ok')
          : t('operator.audit.failed', { count: r().violations.length })}
      </h2>
      <p class="muted small">
        {t('operator.audit.checked', { checks: r().checks.length, at: time(r().checkedAtMs) })}
      </p>
      <dl class="pairs" data-testid="audit-counts">
        <For each={Object.entries(r().counts)}>
          {([name, value]) => (
            <>
              <dt>{tOr(`operator.audit.count.${name}`, name)}</dt>
              <dd class="amount">{value.toLocaleString('en-US')}</dd>
            </>
          )}
        </For>
      </dl>
      <Show when={r().violations.length > 0}>
        <DataTable
          label={t('operator.audit.tableLabel')}
          testId="audit-violations"
          rowTestId="audit-violation"
          rows={r().violations}
          columns={violationColumns()}
        />
      </Show>
    </section>
  );
}

function ExpiryResult(props: { report: ExpiryReport }) {
  const r = () => props.report;
  return (
    <section class="card stack" aria-labelledby="expiry-title" data-testid="expiry-result">
      <h2 id="expiry-title">{t('operator.expiry.title')}</h2>
      <dl class="pairs">
        <dt>{t('operator.expiry.accounts')}</dt>
        <dd class="amount">{r().accounts}</dd>
        <dt>{t('operator.expiry.instruments')}</dt>
        <dd class="amount">{r().instruments}</dd>
        <dt>{t('operator.expiry.forfeited')}</dt>
        <dd class="amount" data-testid="expiry-forfeited">
          {cny(r().forfeited)}
        </dd>
        <dt>{t('operator.expiry.closedTopUps')}</dt>
        <dd class="amount">{r().closedTopUps}</dd>
        <dt>{t('operator.expiry.deferred')}</dt>
        <dd class="amount">{r().deferredAccounts}</dd>
      </dl>
    </section>
  );
}
