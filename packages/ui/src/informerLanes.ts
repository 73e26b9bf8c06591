import type { SimTime } from '@daemonsim/core';
import { scaleLinear } from 'd3-scale';
import type { WatchDeliveries } from './watchDeliveries.js';

/** The lane the controllers' informer cache is drawn on, below the writers' lanes. */
export const CACHE_LANE = "controllers' cache";

const LANE_HEIGHT = 26;
const LABEL_WIDTH = 130;

/** What the last {@link InformerLanes.draw} showed, for tests and the caption. */
export interface InformerFrame {
  readonly lanes: readonly string[];
  /** Arrows drawn: deliveries in the window. */
  readonly arrows: number;
  /** Writes made by the cursor that the cache had not yet received then. */
  readonly inFlight: number;
}

/**
 * Draws the informer model on a canvas: a lane per component that wrote, a lane for the
 * controllers' cache, and each watch delivery as an arrow from the write to the moment the
 * cache received it, over the `window` ms before the cursor. An arrow still in flight at the
 * cursor is dashed and stops where it has got to: what the DaemonSet controller cannot see yet,
 * which is why it keeps expectations. Upstream has no counterpart.
 */
export class InformerLanes {
  constructor(
    private readonly deliveries: WatchDeliveries,
    readonly window: SimTime = 1000,
  ) {}

  /** The canvas height the lanes need now. */
  height(): number {
    return (this.deliveries.components().length + 1) * LANE_HEIGHT + 16;
  }

  draw(ctx: CanvasRenderingContext2D, width: number, cursor: SimTime): InformerFrame {
    const lanes = [...this.deliveries.components(), CACHE_LANE];
    const height = lanes.length * LANE_HEIGHT;
    const from = Math.max(0, cursor - this.window);
    const x = scaleLinear()
      .domain([from, Math.max(cursor, from + 1)])
      .range([LABEL_WIDTH, width - 6]);
    const laneY = (lane: string): number => lanes.indexOf(lane) * LANE_HEIGHT + LANE_HEIGHT / 2;
    ctx.clearRect(0, 0, width, height + 16);
    ctx.font = '11px sans-serif';
    ctx.textBaseline = 'middle';
    lanes.forEach((lane, i) => {
      if (i % 2 === 0) {
        ctx.fillStyle = '#f6f6f6';
        ctx.fillRect(0, i * LANE_HEIGHT, width, LANE_HEIGHT);
      }
      ctx.fillStyle = lane === CACHE_LANE ? '#0b5394' : '#333';
      ctx.fillText(lane, 4, laneY(lane), LABEL_WIDTH - 8);
    });
    let arrows = 0;
    let inFlight = 0;
    for (const d of this.deliveries.deliveries) {
      if (d.writtenAt > cursor) continue;
      const flying = d.deliveredAt > cursor;
      if (flying) inFlight++;
      if (d.deliveredAt < from) continue;
      arrows++;
      const x0 = x(d.writtenAt);
      const y0 = laneY(d.by);
      // In flight: the arrow has come as far as the share of its lag that has passed.
      const share = flying ? (cursor - d.writtenAt) / Math.max(1, d.deliveredAt - d.writtenAt) : 1;
      const x1 = x0 + (x(d.deliveredAt) - x0) * share;
      const y1 = y0 + (laneY(CACHE_LANE) - y0) * share;
      ctx.strokeStyle = flying ? '#e0115f' : d.type === 'DELETED' ? '#9b6fc3' : '#3c8dbc';
      ctx.setLineDash(flying ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fillRect(x0 - 1.5, y0 - 1.5, 3, 3);
      if (!flying) {
        const angle = Math.atan2(y1 - y0, x1 - x0);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - 6 * Math.cos(angle - 0.4), y1 - 6 * Math.sin(angle - 0.4));
        ctx.lineTo(x1 - 6 * Math.cos(angle + 0.4), y1 - 6 * Math.sin(angle + 0.4));
        ctx.fill();
      }
    }
    ctx.setLineDash([]);
    ctx.fillStyle = '#555';
    ctx.fillText(
      `${this.window} ms before the cursor; ${inFlight} write(s) not yet in the cache`,
      4,
      height + 8,
    );
    return { lanes, arrows, inFlight };
  }
}
