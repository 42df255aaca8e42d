/**
 * One chart.js chart of fen amounts. The values arrive as exact integer fen and are turned
 * into numbers of yuan here only to place pixels; tooltips format the exact fen again.
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { createEffect, onCleanup, onMount } from 'solid-js';
import { fenToAmount } from '../../../../../common/money.ts';
import { money } from '../../../lib/format.ts';

Chart.register(...registerables);

const PALETTE = ['#1677ff', '#13c2c2', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a', '#faad14'];

export interface ChartCanvasProps {
  readonly type: 'bar' | 'doughnut';
  readonly labels: readonly string[];
  readonly valuesFen: readonly number[];
  /** What the chart shows, for screen readers (the numbers are listed beside it too). */
  readonly label: string;
  readonly horizontal?: boolean;
  readonly testId: string;
}

/**
 * The one place a float appears: yuan as a JS number, for the chart's pixels only. It is
 * never summed, stored or shown; every number people read is formatted from exact fen.
 */
function toPixels(valuesFen: readonly number[]): number[] {
  return valuesFen.map((fen) => Number(fenToAmount(fen)));
}

function config(props: ChartCanvasProps): ChartConfiguration<'bar' | 'doughnut'> {
  const bar = props.type === 'bar';
  return {
    type: props.type,
    data: {
      labels: [...props.labels],
      datasets: [
        {
          label: props.label,
          data: toPixels(props.valuesFen),
          backgroundColor: bar ? PALETTE[0] : PALETTE,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: props.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: !bar, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => money(fenToAmount(props.valuesFen[item.dataIndex] ?? 0)),
          },
        },
      },
    },
  } as ChartConfiguration<'bar' | 'doughnut'>;
}

export function ChartCanvas(props: ChartCanvasProps) {
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart<'bar' | 'doughnut'> | undefined;

  onMount(() => {
    if (!canvas) return;
    chart = new Chart(canvas, config(props));
    createEffect(() => {
      const next = config(props);
      if (!chart) return;
      chart.data = next.data;
      chart.update();
    });
  });
  onCleanup(() => chart?.destroy());

  return (
    <div class="chart-box" classList={{ round: props.type === 'doughnut' }}>
      <canvas ref={canvas} role="img" aria-label={props.label} data-testid={props.testId} />
    </div>
  );
}
