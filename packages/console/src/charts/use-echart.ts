/**
 * One ECharts chart on a div: made when the div mounts, resized with it, disposed with it, and
 * given a new option (whole, not merged) whenever the caller's option changes. The option is built
 * by the caller from the theme's colours, so light and dark both read well.
 */
import { useComputedColorScheme } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useRef } from 'react';
import { echarts } from './echarts.js';

export interface ChartColors {
  /** Axis labels, legend and titles. */
  text: string;
  /** Grid lines. */
  grid: string;
}

/** The chart text and grid colours of the colour scheme in force. */
export function useChartColors(): ChartColors {
  const scheme = useComputedColorScheme('light');
  return useMemo(() => (scheme === 'dark' ? { text: '#c9c9c9', grid: '#3b3b3b' } : { text: '#495057', grid: '#e9ecef' }), [scheme]);
}

/** A ref for the chart's div; `option` should be memoised by the caller (a new object redraws the chart). */
export function useEChart(option: EChartsCoreOption) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const chart = echarts.init(element.current!, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    echarts.getInstanceByDom(element.current!)?.setOption(option, { notMerge: true });
  }, [option]);

  return element;
}
