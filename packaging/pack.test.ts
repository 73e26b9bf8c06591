import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user of the published packages gets: the workspace is installed afresh in a staging
// copy (so uncommitted sources are what gets packed, and the worktree's dist is never touched),
// built, packed with `pnpm pack`, and the tarballs installed with npm into fresh projects.
// The dependencies come from the npm cache, or the registry when the cache lacks them.

const root = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = ['core', 'scenarios', 'server'] as const;
type Published = (typeof PUBLISHED)[number];
// Manifests only: pnpm install --frozen-lockfile needs every importer of the lockfile.
const MANIFEST_ONLY = ['packages/ui', 'examples'];
const SKIP = new Set(['node_modules', 'dist', 'test']);
// The machine's npmrc sets `nodedir`, which npm 11 warns about on every command; that line is
// the machine's, not the packages'.
const MACHINE_NPM_WARNING = /npm warn Unknown (user|env|project) config "nodedir"/;

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// A user's shell, not the environment pnpm gives this test (npm_config_* settings npm would
// warn about, npm_package_* of the workspace).
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function run(command: string, args: readonly string[], cwd: string): Ran {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...userEnv, NO_COLOR: '1' } });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(command: string, args: readonly string[], cwd: string): Ran {
  const r = run(command, args, cwd);
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function warnLines(output: string): string[] {
  return output.split('\n').filter((line) => /\bwarn/i.test(line) && !MACHINE_NPM_WARNING.test(line));
}

interface Example {
  readonly lang: 'js' | 'sh';
  readonly code: string;
  readonly prints?: string;
}

/** The fenced `js`/`sh` blocks of a README's `## Usage`, each with the `text` block after it. */
function usageExamples(readme: string): Example[] {
  const start = readme.indexOf('\n## Usage\n');
  if (start < 0) return [];
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const examples: Example[] = [];
  for (const [, lang, body] of section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    const last = examples.at(-1);
    if (lang === 'js' || lang === 'sh') examples.push({ lang, code: body! });
    else if (lang === 'text' && last !== undefined && last.prints === undefined)
      examples[examples.length - 1] = { ...last, prints: body! };
  }
  return examples;
}

function runExample(example: Example, cwd: string, name: string): Ran {
  const file = join(cwd, `${name}.${example.lang === 'js' ? 'mjs' : 'sh'}`);
  writeFileSync(file, example.code);
  return example.lang === 'js' ? run(process.execPath, [file], cwd) : run('bash', ['-e', file], cwd);
}

let stage = '';
let installOutput = '';
const tarballs = {} as Record<Published, string>;
const packed = {} as Record<Published, { files: string[]; manifest: Record<string, unknown> }>;
// `bare`: core and scenarios alone (no fast-check); `full`: the three packages.
let bare = '';
let full = '';
let bareInstall: Ran;
let fullInstall: Ran;

function npmProject(dir: string, packages: readonly Published[]): Ran {
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  return ok(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages.map((p) => tarballs[p])],
    dir,
  );
}

beforeAll(() => {
  stage = mkdtempSync(join(tmpdir(), 'daemonsim-pack-'));
  const ws = join(stage, 'workspace');
  for (const file of [
    'package.json',
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    'tsconfig.base.json',
    'LICENSE',
  ])
    cpSync(join(root, file), join(ws, file));
  for (const p of PUBLISHED)
    for (const entry of readdirSync(join(root, 'packages', p)))
      if (!SKIP.has(entry))
        cpSync(join(root, 'packages', p, entry), join(ws, 'packages', p, entry), { recursive: true });
  for (const dir of MANIFEST_ONLY) cpSync(join(root, dir, 'package.json'), join(ws, dir, 'package.json'));

  const install = ok('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], ws);
  installOutput = install.stdout + install.stderr;
  // TypeScript 7 emits what the build's TypeScript 6 emits, in a fifth of the time.
  for (const p of PUBLISHED)
    ok(
      process.execPath,
      ['../../node_modules/typescript7/bin/tsc', '-p', 'tsconfig.build.json'],
      join(ws, 'packages', p),
    );
  mkdirSync(join(stage, 'tarballs'));
  for (const p of PUBLISHED) {
    ok('pnpm', ['pack', '--pack-destination', join(stage, 'tarballs')], join(ws, 'packages', p));
    tarballs[p] = join(stage, 'tarballs', `daemonsim-${p}-0.1.0.tgz`);
    const files = ok('tar', ['-tzf', tarballs[p]], stage).stdout.trim().split('\n');
    const manifest = JSON.parse(ok('tar', ['-xOzf', tarballs[p], 'package/package.json'], stage).stdout);
    packed[p] = { files: files.map((f) => f.replace(/^package\//, '')), manifest };
  }

  bare = join(stage, 'bare');
  bareInstall = npmProject(bare, ['core', 'scenarios']);
  full = join(stage, 'full');
  fullInstall = npmProject(full, ['core', 'scenarios', 'server']);
}, 240_000);

afterAll(() => {
  if (stage !== '') rmSync(stage, { recursive: true, force: true });
});

describe('the workspace', () => {
  it('installs afresh without a WARN line', () => {
    expect(installOutput).toMatch(/Done in/);
    expect(warnLines(installOutput)).toEqual([]);
  });
});

describe('each packed package', () => {
  it.each(PUBLISHED)('%s holds its LICENSE, README and built entries, and no tests', (p) => {
    const { files } = packed[p];
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(root, 'packages', p, 'LICENSE'), 'utf8')).toMatch(
      /Apache License\s+Version 2\.0/,
    );
    expect(files.filter((f) => f.startsWith('test/') || /\.test\.[jt]s$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it.each(PUBLISHED)('%s names its license, engines and node10 fallbacks, every one a packed file', (p) => {
    const { files, manifest } = packed[p];
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:/);
    const targets = [manifest.main, manifest.types];
    const typesVersions = manifest.typesVersions as Record<string, Record<string, string[]>> | undefined;
    for (const paths of Object.values(typesVersions?.['*'] ?? {})) targets.push(...paths);
    const exportsMap = manifest.exports as Record<string, Record<string, string>>;
    for (const [subpath, conditions] of Object.entries(exportsMap)) {
      targets.push(conditions.types, conditions.default);
      // Every subpath but the root has a typesVersions entry, so node10 resolution finds its types.
      if (subpath !== '.')
        expect(typesVersions?.['*']?.[subpath.slice(2)], subpath).toEqual([conditions.types]);
    }
    for (const target of targets)
      expect(files, String(target)).toContain(String(target).replace(/^\.\//, ''));
  });

  it('@daemonsim/scenarios wants fast-check only as an optional peer', () => {
    const m = packed.scenarios.manifest;
    expect(m.dependencies).not.toHaveProperty('fast-check');
    expect(m.peerDependencies).toEqual({ 'fast-check': '^4.10.2' });
    expect(m.peerDependenciesMeta).toEqual({ 'fast-check': { optional: true } });
  });

  it('@daemonsim/server owns the daemonsim bin, and the bin is packed', () => {
    expect(packed.server.manifest.bin).toEqual({ daemonsim: './bin/daemonsim.js' });
    expect(packed.server.files).toContain('bin/daemonsim.js');
  });
});

describe('a fresh npm project', () => {
  it('installs the tarballs without a warning', () => {
    expect(warnLines(bareInstall.stdout + bareInstall.stderr)).toEqual([]);
    expect(warnLines(fullInstall.stdout + fullInstall.stderr)).toEqual([]);
  });

  it('runs core and scenarios without fast-check, and ./testing names what it lacks', () => {
    expect(existsSync(join(bare, 'node_modules', '@daemonsim', 'scenarios'))).toBe(true);
    expect(existsSync(join(bare, 'node_modules', 'fast-check'))).toBe(false);
    const script = `import { createSimulation } from '@daemonsim/core';
import { runScenario, eksWalkthrough } from '@daemonsim/scenarios';
console.log(typeof createSimulation, runScenario(eksWalkthrough).output.length > 0);
await import('@daemonsim/scenarios/testing').then(() => console.log('loaded'), (e) => console.log(e.code, e.message));`;
    writeFileSync(join(bare, 'bare.mjs'), script);
    const r = run(process.execPath, ['bare.mjs'], bare);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^function true\nERR_MODULE_NOT_FOUND Cannot find package 'fast-check'/);
  });

  const readmeCases: [Published, string][] = [
    ['core', 'bare'],
    ['scenarios', 'full'],
    ['server', 'full'],
  ];
  it.each(readmeCases)(
    'runs every usage example of the %s README as printed (in the %s project)',
    (p, project) => {
      const examples = usageExamples(readFileSync(join(root, 'packages', p, 'README.md'), 'utf8'));
      expect(examples.length).toBeGreaterThan(0);
      examples.forEach((example, i) => {
        expect(example.prints, `example ${i + 1} shows what it prints`).toBeDefined();
        const r = runExample(example, project === 'bare' ? bare : full, `${p}-readme-${i + 1}`);
        expect(r.stderr, `example ${i + 1}`).toBe('');
        expect(r.status, `example ${i + 1}`).toBe(0);
        expect(r.stdout.trim(), `example ${i + 1}`).toBe(example.prints!.trim());
      });
    },
  );

  it('requires every entry from CommonJS through Node 20.19+ require(esm)', () => {
    const script = `const core = require('@daemonsim/core');
const scenarios = require('@daemonsim/scenarios');
const testing = require('@daemonsim/scenarios/testing');
const sweep = require('@daemonsim/scenarios/sweep');
const server = require('@daemonsim/server');
const cli = require('@daemonsim/server/cli');
console.log([core.createSimulation, scenarios.runScenario, testing.clusterOpsArbitrary, sweep.sweepVariants, server.startApiServer, cli.runCli].map((f) => typeof f).join(' '));`;
    writeFileSync(join(full, 'require.cjs'), script);
    const r = run(process.execPath, ['require.cjs'], full);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function function function function function function');
  });

  it('links a daemonsim bin that runs', () => {
    const r = run(join(full, 'node_modules', '.bin', 'daemonsim'), ['--version'], full);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0.1.0');
  });

  it("sweeps on the built CLI's worker processes, writing the same lines at two workers as at one", () => {
    const bin = join(full, 'node_modules', '.bin', 'daemonsim');
    const sweep = (workers: number): string => {
      const out = join(full, `sweep-${workers}.ndjson`);
      const args = [
        'sweep',
        'random-node-churn',
        '--seeds',
        '1..4',
        '--workers',
        String(workers),
        '--out',
        out,
      ];
      const r = run(bin, args, full);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const one = sweep(1);
    expect(one.trimEnd().split('\n')).toHaveLength(4);
    expect(sweep(2)).toBe(one);
  });
});

const CONSUMER = `import { createSimulation } from '@daemonsim/core';
import type { Simulation } from '@daemonsim/core';
import { parseScenario, runScenario } from '@daemonsim/scenarios';
import { clusterOpsArbitrary } from '@daemonsim/scenarios/testing';
import { sweepVariants } from '@daemonsim/scenarios/sweep';
import { startApiServer } from '@daemonsim/server';
import { runCli } from '@daemonsim/server/cli';

export const sim: Simulation = createSimulation({ seed: 1 });
export const output: string = runScenario(parseScenario('name: x')).output;
export const ops = clusterOpsArbitrary({ maxLength: 3 });
export const variants = sweepVariants([]);
export const server = startApiServer(sim, { port: 0 });
const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, interrupted: () => new Promise<void>(() => {}) };
export const exit: Promise<number> = runCli(['--version'], io);
// Each line below is an error only if the entry's real types were found (any would accept it).
// @ts-expect-error the simulated time is a number
sim.now.toUpperCase();
// @ts-expect-error parseScenario takes YAML text
parseScenario(1);
// @ts-expect-error maxLength is a number
clusterOpsArbitrary({ maxLength: 'long' });
// @ts-expect-error the axes are an array
sweepVariants('replicas=1,2');
// @ts-expect-error the port is a number
startApiServer(sim, { port: '8080' });
// @ts-expect-error argv is an array of strings
runCli('--version', io);
`;

describe('a TypeScript consumer', () => {
  const settings: [string, Record<string, unknown>][] = [
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'preserve', moduleResolution: 'bundler' }],
    // TypeScript 6 deprecates node10 (7 removes it); typesVersions is what serves it the subpaths.
    ['node10', { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' }],
  ];
  it.each(settings)('type-checks against every entry with moduleResolution %s', (name, options) => {
    const dir = join(full, `tsc-${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    const compilerOptions = {
      ...options,
      target: 'es2022',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const r = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], dir);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('a browser bundle', () => {
  it('bundles @daemonsim/core and @daemonsim/scenarios with no node:* import, and runs with no Node globals', async () => {
    const entry = join(full, 'browser.mjs');
    writeFileSync(
      entry,
      `import { createSimulation } from '@daemonsim/core';
import { runScenario, eksWalkthrough } from '@daemonsim/scenarios';
globalThis.result = [typeof createSimulation, runScenario(eksWalkthrough).output.includes('kube-proxy')];`,
    );
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('@daemonsim/core/dist/'))).toBe(true);
    expect(inputs.some((i) => i.includes('@daemonsim/scenarios/dist/'))).toBe(true);
    const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((m) => m.path));
    expect(imports.filter((m) => m.startsWith('node:'))).toEqual([]);
    expect(inputs.filter((i) => i.includes('fast-check'))).toEqual([]);
    // A browser's globals and no more: no process, require, Buffer or global.
    const context: Record<string, unknown> = { TextEncoder, TextDecoder, structuredClone, console };
    context.globalThis = context;
    runInNewContext(result.outputFiles[0]!.text, context);
    expect(context.result).toEqual(['function', true]);
  });
});
