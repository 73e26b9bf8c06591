/// <reference lib="dom" />
// The page's entry: runs the scenario the URL names in the page, or follows the server that
// served it, and exposes the page to tests.
import { parseScenario, validateScenario } from '@daemonsim/scenarios';
import { Page, scenarioFromQuery } from './page.js';
import { ServerLink } from './serverLink.js';
import { ViewModel } from './viewModel.js';

declare global {
  interface Window {
    daemonsimPage?: Page;
  }
}

/**
 * The page the address asks for: `?follow` replays the server that served it (the token from
 * `#token=`), `?src=FILE` runs a scenario file fetched beside the page, anything else a catalog
 * scenario.
 */
async function openPage(query: URLSearchParams): Promise<Page> {
  if (query.has('follow')) {
    const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
    const link = new ServerLink(location.origin, token);
    const first = await link.replay(0);
    const model = new ViewModel(validateScenario(first.scenario), first.seed);
    model.follow(first.requests, first.now);
    return new Page(`following ${location.host}`, model, { link, total: first.total });
  }
  const src = query.get('src');
  if (src !== null) {
    const response = await fetch(src);
    if (!response.ok) throw new Error(`${src}: ${response.status}`);
    return new Page(src, new ViewModel(parseScenario(await response.text())));
  }
  const { name, scenario } = scenarioFromQuery(query);
  return new Page(name, new ViewModel(scenario));
}

openPage(new URLSearchParams(location.search)).then(
  (page) => {
    window.daemonsimPage = page;
    window.addEventListener('resize', () => page.render());
  },
  (error: unknown) => {
    document.body.textContent = `daemonsim: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  },
);
