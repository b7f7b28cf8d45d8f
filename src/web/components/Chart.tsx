/**
 * A chart drawn by Apache ECharts (issue 15 point 6), with only the parts the
 * dashboard uses (bar and line charts, grid, legend, tooltip, the canvas
 * renderer), so the bundle carries no more of ECharts than that.
 *
 * Under the app's CSP (src/http/security.ts: style-src 'self', no inline
 * style attributes): the canvas renderer sets styles through the DOM, and the
 * tooltip is drawn on the canvas (renderMode 'richText') instead of as HTML
 * with style attributes. Texts come formatted from the caller (the locale
 * layer): ECharts never formats a number itself.
 *
 * The chart is an image for assistive technology, named by `label`; the
 * figures it shows are in the dashboard's text too.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function Chart({ option, label, testId, points, tall }: { option: ChartOption; label: string; testId: string; points: number; tall?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return <div ref={box} className={tall ? 'chart chart-tall' : 'chart'} role="img" aria-label={label} data-testid={testId} data-points={points} />;
}
