import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringifyScenario } from '@daemonsim/scenarios';
import type { Command } from 'commander';
import { toStatusError } from '../apiserver/status.js';
import { defaultViewRoot, serveViewFile, VIEW_PREFIX } from '../apiserver/viewFiles.js';
import { portArg } from './argParsers.js';
import type { CliIo } from './cliIo.js';
import { CliError } from './cliIo.js';
import { resolveScenario } from './libraryScenarios.js';

/**
 * The lesson of the built view (its `lessons.json`, folder names of `examples/`) that `arg`
 * names: the folder name (`08-rolling-update`) or its number (`8`, `08`); undefined when none
 * does or the view has no lessons. (Not the topic alone: `node-failure` is a library scenario.)
 */
function lessonNamed(root: string, arg: string): string | undefined {
  const list = `${root}lessons.json`;
  if (!existsSync(list)) return undefined;
  const names = JSON.parse(readFileSync(list, 'utf8')) as string[];
  return names.find(
    (name) => name === arg || (/^\d{1,2}$/.test(arg) && name.startsWith(`${arg.padStart(2, '0')}-`)),
  );
}

/**
 * Registers `daemonsim ui [SCENARIO|NAME]`: the browser view on a loopback HTTP port, running the
 * scenario (a file or a library name, served beside the page as `scenario.yaml`, or a lesson the
 * page bundles, by name or number) in the page itself; no cluster is served. `daemonsim serve`
 * serves the same view at `/ui/`, following its cluster. Upstream has no counterpart.
 */
export function registerUi(program: Command, io: CliIo): void {
  program
    .command('ui')
    .description('Open the browser view of a scenario, simulated in the page (serve has it at /ui/)')
    .argument(
      '[scenario]',
      'scenario YAML file, lesson (8, 08-rolling-update) or library scenario name (default: the EKS walkthrough)',
    )
    .option('--port <n>', 'TCP port on 127.0.0.1 (0 picks a free one)', portArg, 8081)
    .action(async (scenarioArg: string | undefined, opts: { port: number }) => {
      const root = defaultViewRoot();
      if (root === undefined)
        throw new CliError(
          'the browser view is not built',
          'pnpm build (an installed @daemonsim/server ships it)',
        );
      const lesson =
        scenarioArg === undefined || existsSync(scenarioArg) ? undefined : lessonNamed(root, scenarioArg);
      const yaml =
        scenarioArg === undefined || lesson !== undefined
          ? undefined
          : stringifyScenario(resolveScenario(scenarioArg));
      const query =
        lesson !== undefined ? `?scenario=${lesson}` : yaml !== undefined ? '?src=scenario.yaml' : '';
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        try {
          if (path === '/scenario.yaml' && yaml !== undefined) {
            res.writeHead(200, { 'Content-Type': 'application/yaml; charset=utf-8' });
            res.end(yaml);
            return;
          }
          serveViewFile(root, `${VIEW_PREFIX}${path.slice(1)}`, res);
        } catch (error) {
          const status = toStatusError(error).status;
          res.writeHead(status.code, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`${status.message}\n`);
        }
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error) =>
          reject(
            new CliError(
              `cannot listen on 127.0.0.1:${opts.port}: ${error.message}`,
              'choose another --port',
            ),
          ),
        );
        server.listen(opts.port, '127.0.0.1', resolve);
      });
      const port = (server.address() as AddressInfo).port;
      io.stdout(
        `daemonsim view at http://127.0.0.1:${port}/${query}\n` +
          `The page runs the simulation itself; press Ctrl-C to stop serving it.\n`,
      );
      await io.interrupted();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
}
