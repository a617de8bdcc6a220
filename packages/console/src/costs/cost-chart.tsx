/** Stacked bars of cost over time, one series per dimension value (top 10 + Other), drawn by ECharts on a canvas. */
import { useMemo } from 'react';
import { useChartColors, useEChart } from '../charts/use-echart.js';
import { formatCompactMoney, formatMoney } from '../lib/money-format.js';
import type { CurrencyTable } from './series.js';

export interface CostChartProps {
  table: CurrencyTable;
  dimensionLabel: string;
  costLabel: string;
  locale: string | undefined;
}

export default function CostChart({ table, dimensionLabel, costLabel, locale }: CostChartProps) {
  const { text, grid } = useChartColors();

  const option = useMemo(() => {
    const money = (value: number) => formatCompactMoney(value, table.currency, locale);
    return {
      backgroundColor: 'transparent',
      textStyle: { color: text },
      aria: {
        enabled: true,
        label: {
          description: `${costLabel} in ${table.currency} by ${dimensionLabel}, ${table.periods[0] ?? ''} to ${table.periods.at(-1) ?? ''}, stacked bars of ${table.series.length} series: ${table.series.map((s) => `${s.name} ${formatMoney(s.total, table.currency, locale)}`).join('; ')}.`,
        },
      },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatMoney(value, table.currency, locale) : '—'),
      },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: text } },
      grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: table.periods, axisLabel: { color: text } },
      yAxis: { type: 'value', axisLabel: { color: text, formatter: money }, splitLine: { lineStyle: { color: grid } } },
      // The chart draws floats; every figure shown in words (tooltip aside) comes from the exact sums.
      series: table.series.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'cost',
        emphasis: { focus: 'series' },
        data: s.values.map((v) => (v === null ? null : Number(v))),
        ...(s.other && { itemStyle: { color: '#adb5bd' } }),
      })),
    };
  }, [table, text, grid, locale, costLabel, dimensionLabel]);
  const element = useEChart(option);

  return <div ref={element} style={{ width: '100%', height: 380 }} data-testid="cost-chart" />;
}
