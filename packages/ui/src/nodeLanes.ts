import type { PodHistory, SimTime, TraceTimeline } from '@daemonsim/core';
import { scaleLinear } from 'd3-scale';
import { EVENT_COLOURS, PHASE_COLOURS } from './phaseColours.js';

/** Where the lanes are drawn and which part of them is in view. */
export interface LaneLayout {
  readonly width: number;
  readonly height: number;
  readonly laneHeight: number;
  readonly labelWidth: number;
  /** Index of the first lane in view. */
  readonly firstLane: number;
}

/**
 * Draws one lane per node on a canvas: the node's life as a thin band, each pod as a bar
 * coloured by phase along the simulated time, KubeEvents as ticks, and the cursor. Only lanes in
 * view are drawn and each pod segment is one rectangle, so 5,000 nodes cost what is on screen.
 * Upstream has no counterpart.
 */
export class NodeLanes {
  private podsByNode = new Map<string, PodHistory[]>();
  /** Per node, the pods in each row of its lane: a pod takes the first row free when it is created. */
  private rowsByNode = new Map<string, PodHistory[][]>();
  private readonly rowOf = new Map<number, number>();
  private eventsByNode = new Map<string, { at: SimTime; type: string }[]>();
  private seenPods = 0;
  private seenEvents = 0;

  constructor(private readonly timeline: TraceTimeline) {}

  /** Indexes what the timeline gained since the last call. */
  refresh(): void {
    const pods = this.timeline.pods;
    for (; this.seenPods < pods.length; this.seenPods++) {
      const pod = pods[this.seenPods] as PodHistory;
      const node = pod.node ?? '';
      let list = this.podsByNode.get(node);
      if (list === undefined) this.podsByNode.set(node, (list = []));
      list.push(pod);
      let rows = this.rowsByNode.get(node);
      if (rows === undefined) this.rowsByNode.set(node, (rows = []));
      let row = rows.findIndex((r) => {
        const last = r[r.length - 1];
        return last?.deletedAt !== undefined && last.deletedAt <= pod.createdAt;
      });
      if (row < 0) row = rows.push([]) - 1;
      rows[row]?.push(pod);
      this.rowOf.set(pod.id, row);
    }
    const events = this.timeline.events;
    for (; this.seenEvents < events.length; this.seenEvents++) {
      const e = events[this.seenEvents];
      if (e?.node === undefined) continue;
      let list = this.eventsByNode.get(e.node);
      if (list === undefined) this.eventsByNode.set(e.node, (list = []));
      list.push({ at: e.at, type: e.type });
    }
  }

  /** The pods drawn on a node's lane (bound late pods are drawn where they were bound). */
  podsOn(node: string): readonly PodHistory[] {
    return this.podsByNode.get(node) ?? [];
  }

  /** Draws the lanes in view and returns how many it drew. */
  draw(
    ctx: CanvasRenderingContext2D,
    nodes: readonly string[],
    layout: LaneLayout,
    domain: readonly [SimTime, SimTime],
    cursor: SimTime,
  ): number {
    const { width, height, laneHeight, labelWidth, firstLane } = layout;
    const x = scaleLinear()
      .domain([domain[0], Math.max(domain[1], domain[0] + 1)])
      .range([labelWidth, width - 4])
      .clamp(true);
    ctx.clearRect(0, 0, width, height);
    ctx.font = `${Math.min(11, laneHeight - 2)}px sans-serif`;
    ctx.textBaseline = 'middle';
    const visible = Math.ceil(height / laneHeight);
    const end = Math.max(this.timeline.end, domain[1]);
    let drawn = 0;
    for (let i = firstLane; i < Math.min(nodes.length, firstLane + visible); i++) {
      const name = nodes[i] as string;
      drawn++;
      const y = (i - firstLane) * laneHeight;
      if (i % 2 === 0) {
        ctx.fillStyle = '#f6f6f6';
        ctx.fillRect(0, y, width, laneHeight);
      }
      const history = this.timeline.nodes.get(name);
      if (history !== undefined) {
        ctx.fillStyle = '#d8d8d8';
        const x0 = x(history.addedAt);
        ctx.fillRect(x0, y + laneHeight - 2, x(history.removedAt ?? end) - x0, 2);
      }
      if (laneHeight >= 8) {
        ctx.fillStyle = '#333';
        ctx.fillText(name, 4, y + laneHeight / 2, labelWidth - 8);
      }
      const rows = Math.max(1, this.rowsByNode.get(name)?.length ?? 1);
      const rowH = Math.max(1, (laneHeight - 3) / rows);
      for (const pod of this.podsOn(name)) {
        const barY = y + 1 + (this.rowOf.get(pod.id) ?? 0) * rowH;
        const barH = Math.max(1, rowH - (rowH > 3 ? 1 : 0));
        for (const s of pod.segments) {
          const x0 = x(s.from);
          const x1 = x(s.to ?? pod.deletedAt ?? end);
          ctx.fillStyle = PHASE_COLOURS[s.phase];
          ctx.fillRect(x0, barY, Math.max(1, x1 - x0), barH);
        }
      }
      for (const e of this.eventsByNode.get(name) ?? []) {
        ctx.fillStyle = EVENT_COLOURS[e.type] ?? '#222';
        ctx.fillRect(x(e.at), y, 1, Math.max(2, laneHeight / 3));
      }
    }
    ctx.fillStyle = '#e0115f';
    ctx.fillRect(x(cursor), 0, 2, height);
    return drawn;
  }

  /** The lane under a canvas y coordinate. */
  static laneAt(y: number, layout: LaneLayout): number {
    return layout.firstLane + Math.floor(y / layout.laneHeight);
  }
}
