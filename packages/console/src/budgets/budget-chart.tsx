/** Budget, actual and projected of one period as bars, the thresholds in force as dashed lines (markLine); ECharts on a canvas, in its own chunk. */
import { useMemo } from 'react';
import { useChartColors, useEChart } from '../charts/use-echart.js';
import { formatCompactMoney, formatMoney } from '../lib/money-format.js';
import type { BarKey, BudgetChartData } from './chart-data.js';

export interface BudgetChartProps {
  data: BudgetChartData;
  title: string;
  locale: string | undefined;
}

const BAR_COLORS: Record<BarKey, string> = { budget: '#228be6', actual: '#12b886', projected: '#fab005' };
const LINE_COLORS = ['#fd7e14', '#fa5252', '#c92a2a'];

export default function BudgetChart({ data, title, locale }: BudgetChartProps) {
  const { text, grid } = useChartColors();

  const option = useMemo(() => {
    const money = (value: string | number | null) => formatMoney(value, data.currency, locale);
    const described = data.bars.map((b) => `${b.label} ${b.value === null ? 'not projected' : money(b.value)}`).join('; ');
    const lines = data.thresholds.map((t) => `threshold ${t.level} at ${t.percent} % (${money(t.amount)})`).join('; ');
    return {
      backgroundColor: 'transparent',
      textStyle: { color: text },
      aria: { enabled: true, label: { description: `${title}: ${described}.${lines ? ` Thresholds: ${lines}.` : ''}` } },
      tooltip: { trigger: 'item', valueFormatter: (value: unknown) => (typeof value === 'number' ? money(value) : '—') },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.bars.map((b) => b.label), axisLabel: { color: text } },
      yAxis: {
        type: 'value',
        // The thresholds stay in view even above every bar.
        max: (extent: { max: number }) => Math.max(extent.max, data.axisMax * 1.08) || 1,
        axisLabel: { color: text, formatter: (value: number) => formatCompactMoney(value, data.currency, locale) },
        splitLine: { lineStyle: { color: grid } },
      },
      // The chart draws floats; the table beside it shows the exact decimal strings.
      series: [
        {
          name: title,
          type: 'bar',
          barMaxWidth: 96,
          data: data.bars.map((b) => ({ value: b.value === null ? null : Number(b.value), itemStyle: { color: BAR_COLORS[b.key] } })),
          markLine: {
            symbol: 'none',
            silent: true,
            data: data.thresholds.map((t) => ({
              yAxis: Number(t.amount),
              name: `Threshold ${t.level}`,
              lineStyle: { color: LINE_COLORS[t.level - 1], type: 'dashed', width: 1.5 },
              label: { color: text, position: 'insideEndTop', formatter: `${t.percent} % · ${formatCompactMoney(Number(t.amount), data.currency, locale)}` },
            })),
          },
        },
      ],
    };
  }, [data, text, grid, locale, title]);
  const element = useEChart(option);

  return <div ref={element} style={{ width: '100%', height: 340 }} data-testid="budget-chart" />;
}
