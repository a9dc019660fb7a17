import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
}

/**
 * A uPlot line chart over time. The chart is built once per series set and fed new data with
 * `setData` on each render, which uPlot redraws cheaply (no React reconciliation of points).
 * `data` is uPlot's columnar form: [unix seconds, ...one array per series].
 */
export function TimeChart({ series, data, height = 160 }: { series: ChartSeries[]; data: uPlot.AlignedData; height?: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const labels = series.map((entry) => entry.label).join('|');

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height,
        legend: { show: true },
        scales: { x: { time: true } },
        series: [{}, ...series.map((entry) => ({ label: entry.label, stroke: entry.color, width: 1.5 }))],
        axes: [{ stroke: '#889' }, { stroke: '#889' }],
      },
      data,
      element,
    );
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when its series change; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={holder} className="chart" />;
}
