/**
 * The one table of the UI. A real `<table>` on wide screens; below 600 px (DataTable.css)
 * the same rows become stacked cards, so nothing scrolls sideways on a phone: the `title`
 * cell heads each card with the `amount` cell beside it (always in view), `meta` cells share
 * a line of short facts, every other cell is a line with its column's name as the label.
 * One DOM for both, so tests and screen readers read the same table at every width.
 */
import { For, Show, type JSX } from 'solid-js';
import './DataTable.css';

/** Where a cell goes on a phone card. */
export type PhonePlace = 'title' | 'amount' | 'meta' | 'field' | 'wide';

export interface Column<Row> {
  /** The column's name: its header, and the label of its line on a phone card. */
  readonly header: string;
  readonly cell: (row: Row) => JSX.Element;
  /** Right-aligned tabular figures. */
  readonly numeric?: boolean;
  /** The header is read by screen readers only (a column of buttons). */
  readonly headerHidden?: boolean;
  /** `field` unless said: a labelled line. */
  readonly phone?: PhonePlace;
  readonly class?: string;
  readonly testId?: string;
  /** Attributes of the cell that depend on its row (e.g. `data-reason`). */
  readonly cellAttrs?: (row: Row) => Readonly<Record<string, string>>;
}

export function DataTable<Row>(props: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  /** Names the table for screen readers (its caption, visually hidden). */
  label: string;
  testId?: string;
  rowTestId?: string;
  rowAttrs?: (row: Row) => Readonly<Record<string, string | undefined>>;
}) {
  return (
    <div class="data-table-wrap">
      <table class="data-table" data-testid={props.testId}>
        <caption class="visually-hidden">{props.label}</caption>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" classList={{ amount: column.numeric === true }}>
                  <Show when={column.headerHidden} fallback={column.header}>
                    <span class="visually-hidden">{column.header}</span>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr data-testid={props.rowTestId} {...(props.rowAttrs?.(row) ?? {})}>
                <For each={props.columns}>{(column) => <Cell column={column} row={row} />}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function Cell<Row>(props: { column: Column<Row>; row: Row }) {
  const column = () => props.column;
  return (
    <td
      class={`cell-${column().phone ?? 'field'} ${column().class ?? ''}`}
      classList={{ amount: column().numeric === true }}
      data-label={column().headerHidden ? '' : column().header}
      data-testid={column().testId}
      {...(column().cellAttrs?.(props.row) ?? {})}
    >
      <div class="cell-value">{column().cell(props.row)}</div>
    </td>
  );
}
