import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';
import { dataUrlToBlob, download } from '../exporting.ts';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** An ECharts chart that resizes with its box and exports PNG (canvas) or SVG (re-rendered server-side style). */
export function Chart({
  option,
  name,
  height = 340,
  onPick,
}: {
  option: ChartOption;
  name: string;
  height?: number;
  onPick?: (data: unknown) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => pick.current?.((p as { data?: unknown }).data));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const png = () => {
    const c = chart.current;
    if (!c) return;
    download(
      `${name}.png`,
      dataUrlToBlob(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })),
    );
  };
  const svg = () => {
    const c = chart.current;
    if (!c) return;
    const off = echarts.init(null, undefined, {
      renderer: 'svg',
      ssr: true,
      width: c.getWidth(),
      height: c.getHeight(),
    });
    off.setOption({ ...(option as object), animation: false, backgroundColor: '#fff' });
    const text = off.renderToSVGString();
    off.dispose();
    download(`${name}.svg`, text, 'image/svg+xml');
  };

  return (
    <div class="chart-wrap">
      <div class="chart-tools">
        <button type="button" class="btn small" onClick={png}>
          PNG
        </button>
        <button type="button" class="btn small" onClick={svg}>
          SVG
        </button>
      </div>
      <div class="chart" ref={box} style={{ height: `${height}px` }} data-chart={name} />
    </div>
  );
}
