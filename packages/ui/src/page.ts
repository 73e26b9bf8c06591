import type { SimEvent, SimTime } from '@daemonsim/core';
import { describePlacement, diffSnapshots, explainPlacement, formatSimTime, SECOND } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import { parseManifests } from '@daemonsim/scenarios';
import { CounterChart } from './counterChart.js';
import type { LaneLayout } from './nodeLanes.js';
import { NodeLanes } from './nodeLanes.js';
import { PHASE_COLOURS } from './phaseColours.js';
import type { InformerFrame } from './informerLanes.js';
import { InformerLanes } from './informerLanes.js';
import { lessonNames, lessonScenario } from './lessonCatalog.js';
import { largeCluster, SCENARIO_CATALOG } from './scenarioCatalog.js';
import type { ServerLink } from './serverLink.js';
import type { ViewModel } from './viewModel.js';

const LABEL_WIDTH = 230;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

/**
 * The scenario the URL asks for: `?scenario=NAME`, a lesson (`08-rolling-update`) or a catalog
 * scenario, or `?nodes=N` for a large cluster.
 */
export function scenarioFromQuery(query: URLSearchParams): { name: string; scenario: Scenario } {
  const nodes = query.get('nodes');
  if (nodes !== null && /^\d+$/.test(nodes))
    return { name: `nodes=${nodes}`, scenario: largeCluster(Number(nodes)) };
  const name = query.get('scenario') ?? 'eks-walkthrough';
  const scenario = lessonScenario(name) ?? SCENARIO_CATALOG[name];
  if (scenario !== undefined) return { name, scenario };
  return { name: 'eks-walkthrough', scenario: SCENARIO_CATALOG['eks-walkthrough'] as Scenario };
}

/** A server the page follows, and how many of its requests the model has replayed. */
export interface Following {
  readonly link: ServerLink;
  total: number;
}

/** How often a page that follows a server asks it for new requests, in ms. */
const POLL_MS = 500;

/**
 * The page: lanes, counters, chart, slider, play, node actions, placement explanation, diff and
 * manifest apply, wired to one {@link ViewModel}. It only reads the model's timeline and
 * snapshots; every action is a simulator event submitted to the model, or, when the page
 * follows a server, the request kubectl would send for it, which comes back through the
 * server's replay log. Upstream has no counterpart.
 */
export class Page {
  readonly model: ViewModel;
  readonly lanes: NodeLanes;
  cursor: SimTime;
  playing = false;
  selectedNode: string | undefined;
  /** Frames drawn while playing, for the frame-rate figure. */
  frames = 0;
  /** How many lanes the last frame drew. */
  lanesDrawn = 0;
  /** What the informer lanes showed in the last frame; undefined when the model has no deliveries. */
  informerFrame: InformerFrame | undefined;
  readonly informerLanes: InformerLanes;
  private readonly canvas = element<HTMLCanvasElement>('lanes');
  private readonly slider = element<HTMLInputElement>('slider');
  private readonly chart: CounterChart;
  private firstLane = 0;
  private lastFrame = 0;
  private addedNodes = 0;

  constructor(
    scenarioName: string,
    model: ViewModel,
    readonly following?: Following,
  ) {
    this.model = model;
    this.lanes = new NodeLanes(this.model.timeline);
    this.informerLanes = new InformerLanes(this.model.deliveries);
    this.cursor = this.model.now;
    const select = element<HTMLSelectElement>('scenario');
    const known = new Set<string>();
    for (const [label, names] of [
      ['lessons', lessonNames()],
      ['scenarios', Object.keys(SCENARIO_CATALOG)],
    ] as const) {
      const group = document.createElement('optgroup');
      group.label = label;
      for (const name of names) {
        group.append(new Option(name, name, false, name === scenarioName));
        known.add(name);
      }
      select.append(group);
    }
    if (!known.has(scenarioName)) select.add(new Option(scenarioName, scenarioName, false, true));
    select.onchange = () => {
      location.search = `?scenario=${encodeURIComponent(select.value)}`;
    };
    this.chart = new CounterChart(element('chart'), 460);
    element('legend').innerHTML = Object.entries(PHASE_COLOURS)
      .map(([phase, colour]) => `<span class="swatch" style="background:${colour}"></span>${phase}`)
      .join('');
    this.wire();
    this.refreshDaemonSets();
    this.render();
    if (following !== undefined) {
      element('follow-status').textContent = `following ${location.host}: actions go to the server`;
      setInterval(() => void this.poll(), POLL_MS);
    }
  }

  /** Replays the followed server's new requests and its clock; the cursor stays live if it was. */
  async poll(): Promise<void> {
    const following = this.following;
    if (following === undefined) return;
    try {
      const page = await following.link.replay(following.total);
      const live = this.cursor >= this.model.now;
      this.model.follow(page.requests, page.now);
      following.total = page.total;
      if (live) this.cursor = this.model.now;
      this.refreshDaemonSets();
      this.render();
    } catch (error) {
      element('follow-status').textContent =
        `following ${location.host}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** The DaemonSet whose counters and placement are shown. */
  get daemonSet(): string {
    return element<HTMLSelectElement>('daemonset').value;
  }

  private wire(): void {
    element('play').onclick = () => this.setPlaying(!this.playing);
    this.slider.oninput = () => {
      this.setPlaying(false);
      this.cursor = Number(this.slider.value);
      this.render();
    };
    element('daemonset').onchange = () => this.render();
    element('add-node').onclick = () => {
      this.addedNodes++;
      this.act({ type: 'NodeAdded', node: { name: `added-${this.addedNodes}` } });
    };
    this.canvas.onclick = (e) => {
      const lane = NodeLanes.laneAt(e.offsetY, this.layout());
      this.selectedNode = this.model.nodeNames()[lane];
      this.render();
    };
    this.canvas.onwheel = (e) => {
      e.preventDefault();
      const max = Math.max(0, this.model.nodeNames().length - 1);
      this.firstLane = Math.min(max, Math.max(0, this.firstLane + Math.sign(e.deltaY) * 5));
      this.render();
    };
    for (const button of document.querySelectorAll<HTMLButtonElement>('#node-panel button'))
      button.onclick = () => this.nodeAction(button.dataset.action ?? '');
    element('diff').onclick = () => this.showDiff();
    element('apply').onclick = () => this.applyManifest();
  }

  /** Submits an event at the simulation's current time (to the followed server, if any) and moves the cursor there. */
  act(event: SimEvent): void {
    if (this.following !== undefined) {
      const taints =
        event.type === 'NodeUpdated' ? (this.model.latest().nodes.get(event.name)?.spec.taints ?? []) : [];
      void this.following.link
        .send(event, taints)
        .then(() => this.poll())
        .catch((error: unknown) => {
          element('why').textContent = error instanceof Error ? error.message : String(error);
        });
      return;
    }
    this.model.submit(event);
    this.cursor = this.model.now;
    this.refreshDaemonSets();
    this.render();
  }

  private nodeAction(action: string): void {
    const name = this.selectedNode;
    if (name === undefined) return;
    const events: Record<string, SimEvent> = {
      cordon: { type: 'NodeUpdated', name, change: { unschedulable: true } },
      uncordon: { type: 'NodeUpdated', name, change: { unschedulable: false } },
      taint: {
        type: 'NodeUpdated',
        name,
        change: { addTaints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] },
      },
      untaint: { type: 'NodeUpdated', name, change: { removeTaints: [{ key: 'dedicated' }] } },
      fail: { type: 'NodeHeartbeatsStopped', name },
      recover: { type: 'NodeHeartbeatsResumed', name },
      remove: { type: 'NodeRemoved', name },
    };
    const event = events[action];
    if (event !== undefined) this.guard('why', () => this.act(event));
  }

  private guard(outputId: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      element(outputId).textContent = error instanceof Error ? error.message : String(error);
    }
  }

  private applyManifest(): void {
    this.guard('apply-out', () => {
      const manifests = parseManifests(element<HTMLTextAreaElement>('manifest').value);
      for (const manifest of manifests) this.act({ type: 'ManifestApplied', manifest });
      element('apply-out').textContent = `applied ${manifests.length} object(s)`;
    });
  }

  private showDiff(): void {
    const from = this.model.snapshotAt(Number(element<HTMLInputElement>('diff-from').value) * SECOND);
    const to = this.model.snapshotAt(this.cursor);
    const changes = diffSnapshots(from, to);
    element('diff-out').textContent =
      `${formatSimTime(from.time)} → ${formatSimTime(to.time)}: ${changes.length} change(s)\n` +
      changes
        .map(
          (c) =>
            `${c.type} ${c.kind} ${c.key}${c.type === 'MODIFIED' ? ` (${c.patches.map((p) => p.path.join('.')).join(', ')})` : ''}`,
        )
        .join('\n');
  }

  private refreshDaemonSets(): void {
    const select = element<HTMLSelectElement>('daemonset');
    const keys = this.model.daemonSetKeys();
    if ([...select.options].map((o) => o.value).join() === keys.join()) return;
    const previous = select.value;
    select.replaceChildren(...keys.map((k) => new Option(k, k, false, k === previous)));
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    element('play').textContent = playing ? 'pause' : 'play';
    if (playing) {
      this.lastFrame = performance.now();
      requestAnimationFrame((t) => this.tick(t));
    }
  }

  private tick(t: number): void {
    if (!this.playing) return;
    const speed = Number(element<HTMLSelectElement>('speed').value);
    const step = Math.max(1, (t - this.lastFrame) * speed);
    this.lastFrame = t;
    if (this.cursor + step <= this.model.now) this.cursor += step;
    else if (this.following !== undefined) {
      // A followed server owns the clock: the cursor waits at its time for the next poll.
      this.cursor = this.model.now;
    } else {
      // Past the recorded history the simulation itself moves on.
      this.model.advance(this.cursor + step - this.model.now);
      this.cursor = this.model.now;
    }
    this.frames++;
    this.render();
    requestAnimationFrame((next) => this.tick(next));
  }

  layout(): LaneLayout {
    const nodes = this.model.nodeNames().length;
    const height = this.canvas.clientHeight;
    return {
      width: this.canvas.clientWidth,
      height,
      laneHeight: Math.max(3, Math.min(36, Math.floor(height / Math.max(1, nodes)))),
      labelWidth: LABEL_WIDTH,
      firstLane: this.firstLane,
    };
  }

  render(): void {
    const model = this.model;
    this.lanes.refresh();
    const layout = this.layout();
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== layout.width * ratio || this.canvas.height !== layout.height * ratio) {
      this.canvas.width = layout.width * ratio;
      this.canvas.height = layout.height * ratio;
    }
    const ctx = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.lanesDrawn = this.lanes.draw(ctx, model.nodeNames(), layout, [0, model.now], this.cursor);
    this.slider.max = String(model.now);
    this.slider.value = String(Math.round(this.cursor));
    element('clock').textContent = formatSimTime(this.cursor);
    const key = this.daemonSet;
    const counters = model.timeline.countersAt(key, this.cursor);
    element('counters').textContent =
      counters === undefined
        ? `${key}: no status yet`
        : `${key} desired ${counters.desired} current ${counters.current} ready ${counters.ready} up-to-date ${counters.updated} available ${counters.available}`;
    element('counters').dataset.at = String(this.cursor);
    this.chart.update(model.timeline.counters.get(key) ?? [], this.cursor);
    this.renderInformer();
    this.renderNodePanel();
  }

  /** The informer lanes, shown once the model has a watch delivery (informer observation). */
  private renderInformer(): void {
    const box = element('informer-box');
    box.hidden = this.model.deliveries.deliveries.length === 0;
    if (box.hidden) return;
    const canvas = element<HTMLCanvasElement>('informer');
    const width = 460;
    const height = this.informerLanes.height();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.informerFrame = this.informerLanes.draw(ctx, width, this.cursor);
  }

  private renderNodePanel(): void {
    const panel = element('node-panel');
    const name = this.selectedNode;
    panel.hidden = name === undefined;
    if (name === undefined) return;
    element('node-name').textContent = name;
    const snapshot = this.model.snapshotAt(this.cursor);
    const node = snapshot.nodes.get(name);
    const ds = snapshot.daemonSets.get(this.daemonSet);
    const pods = this.lanes
      .podsOn(name)
      .filter((p) => p.createdAt <= this.cursor && (p.deletedAt === undefined || p.deletedAt > this.cursor))
      .map((p) => p.key);
    element('why').textContent =
      node === undefined
        ? `${name} is not in the cluster at ${formatSimTime(snapshot.time)}`
        : `Pods: ${pods.join(', ') || '<none>'}\n\n` +
          (ds === undefined ? 'no DaemonSet selected' : describePlacement(explainPlacement(node, ds)));
  }
}
