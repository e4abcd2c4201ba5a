import type { Chart, Plugin } from 'chart.js';

/** A marker line and where its label goes, in the canvas's pixels. */
export interface MarkerLine {
  from: [number, number];
  to: [number, number];
  label: string;
  labelAt: [number, number];
  align: CanvasTextAlign;
}

/**
 * A dashed dark-red line drawn over a bar chart with its label (the 60-hour cap on the hours
 * distribution, the target level on a competency profile); `line` answers null to draw nothing.
 */
export function markerPlugin(id: string, line: (chart: Chart<'bar'>) => MarkerLine | null): Plugin<'bar'> {
  return {
    id,
    afterDatasetsDraw(chart) {
      const marker = line(chart);
      if (!marker) return;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#9b1c1c';
      context.setLineDash([6, 4]);
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(...marker.from);
      context.lineTo(...marker.to);
      context.stroke();
      context.fillStyle = '#9b1c1c';
      context.font = '12px system-ui, sans-serif';
      context.textAlign = marker.align;
      context.fillText(marker.label, ...marker.labelAt);
      context.restore();
    },
  };
}
