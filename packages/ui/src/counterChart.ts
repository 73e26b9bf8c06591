import type { CounterSample, SimTime } from '@daemonsim/core';
import uPlot from 'uplot';

const SERIES: readonly { key: keyof Omit<CounterSample, 'at'>; label: string; stroke: string }[] = [
  { key: 'desired', label: 'desired', stroke: '#555' },
  { key: 'current', label: 'current', stroke: '#3c8dbc' },
  { key: 'ready', label: 'ready', stroke: '#3aa655' },
  { key: 'updated', label: 'up-to-date', stroke: '#f39c12' },
  { key: 'available', label: 'available', stroke: '#9b6fc3' },
];

/**
 * A DaemonSet's five kubectl counters over simulated time as stepped uPlot series, with the
 * cursor drawn as the chart's own cursor line.
 * Upstream has no counterpart.
 */
export class CounterChart {
  private readonly plot: uPlot;

  constructor(host: HTMLElement, width: number) {
    this.plot = new uPlot(
      {
        width,
        height: 160,
        scales: { x: { time: false } },
        axes: [{ label: 'simulated seconds' }, {}],
        series: [
          {},
          ...SERIES.map((s) => ({
            label: s.label,
            stroke: s.stroke,
            width: 1.5,
            paths: (uPlot.paths.stepped as NonNullable<typeof uPlot.paths.stepped>)({ align: 1 }),
          })),
        ],
      },
      [[], ...SERIES.map(() => [])],
      host,
    );
  }

  /** Shows the samples up to `end`, extended flat to it. */
  update(samples: readonly CounterSample[], end: SimTime): void {
    const xs = samples.map((s) => s.at / 1000);
    const columns = SERIES.map((s) => samples.map((sample) => sample[s.key]));
    const last = samples[samples.length - 1];
    if (last !== undefined && end > last.at) {
      xs.push(end / 1000);
      SERIES.forEach((s, i) => columns[i]?.push(last[s.key]));
    }
    this.plot.setData([xs, ...columns]);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 160 });
  }
}
