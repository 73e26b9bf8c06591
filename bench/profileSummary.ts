// Summarises V8 .cpuprofile files by self time per function.
//   tsx bench/profileSummary.ts <file.cpuprofile> [top=25]
//     top functions by self time
//   tsx bench/profileSummary.ts --compare <a.cpuprofile> <eventsA> <b.cpuprofile> <eventsB> [top=30]
//     self time per simulator event in each, and the ratio b/a: a function whose cost per event
//     grows with the cluster (O(N) per event) stands out with a ratio well above 1.
// Line numbers are left out: tsx's transformed code does not keep the source lines.
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self µs by `function file`, and the profile's total µs. */
function selfTimes(file: string): { byFn: Map<string, number>; total: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFn = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const cf = byId.get(profile.samples[i]!)!.callFrame;
    const where = cf.url === '' ? '' : ` ${cf.url.replace(/^.*\/(packages|bench|node_modules)\//, '$1/')}`;
    const key = `${cf.functionName === '' ? '(anonymous)' : cf.functionName}${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return { byFn, total: profile.endTime - profile.startTime };
}

const args = process.argv.slice(2);
if (args[0] === '--compare') {
  const [fa, ea, fb, eb, topArg] = args.slice(1);
  if (fa === undefined || ea === undefined || fb === undefined || eb === undefined)
    throw new Error('usage: --compare a.cpuprofile eventsA b.cpuprofile eventsB [top]');
  const a = selfTimes(fa);
  const b = selfTimes(fb);
  const na = Number(ea);
  const nb = Number(eb);
  console.log(
    `a: ${fa} ${(a.total / 1000).toFixed(0)} ms, ${na} events, ${(a.total / na).toFixed(2)} µs/event sampled`,
  );
  console.log(
    `b: ${fb} ${(b.total / 1000).toFixed(0)} ms, ${nb} events, ${(b.total / nb).toFixed(2)} µs/event sampled`,
  );
  console.log(`${'a µs/ev'.padStart(9)} ${'b µs/ev'.padStart(9)} ${'b/a'.padStart(6)}  function`);
  const keys = [...new Set([...a.byFn.keys(), ...b.byFn.keys()])];
  const rows = keys.map((k) => ({ k, pa: (a.byFn.get(k) ?? 0) / na, pb: (b.byFn.get(k) ?? 0) / nb }));
  rows.sort((x, y) => y.pb - x.pb);
  for (const r of rows.slice(0, Number(topArg ?? 30))) {
    console.log(
      `${r.pa.toFixed(3).padStart(9)} ${r.pb.toFixed(3).padStart(9)} ${(r.pa > 0 ? (r.pb / r.pa).toFixed(2) : 'new').padStart(6)}  ${r.k}`,
    );
  }
} else {
  const file = args[0];
  if (file === undefined) throw new Error('usage: profileSummary <file.cpuprofile> [top]');
  const { byFn, total } = selfTimes(file);
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [key, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, Number(args[1] ?? 25))) {
    console.log(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
}
