/** Events received per day, stacked: accepted, duplicates, rejected; ECharts on a canvas, in its own chunk. */
import { useMemo } from 'react';
import { useChartColors, useEChart } from '../charts/use-echart.js';
import { formatNumber } from '../lib/money-format.js';
import { type IngestSeries, describeSeries } from './ingest-series.js';

export default function IngestChart({ data, locale }: { data: IngestSeries; locale: string | undefined }) {
  const { text, grid } = useChartColors();
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      textStyle: { color: text },
      aria: { enabled: true, label: { description: describeSeries(data, locale) } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatNumber(value, locale, 0) : '—'),
      },
      legend: { bottom: 0, textStyle: { color: text } },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: data.days, axisLabel: { color: text } },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: text, formatter: (value: number) => formatNumber(value, locale, 0) },
        splitLine: { lineStyle: { color: grid } },
      },
      series: data.series.map((s) => ({ name: s.label, type: 'bar', stack: 'events', emphasis: { focus: 'series' }, itemStyle: { color: s.color }, data: s.values })),
    }),
    [data, text, grid, locale],
  );
  const element = useEChart(option);
  return <div ref={element} style={{ width: '100%', height: 320 }} data-testid="ingest-chart" />;
}
