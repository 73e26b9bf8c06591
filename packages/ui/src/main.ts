/// <reference lib="dom" />
// The page's entry: runs the scenario the URL names in the page and exposes the page to tests.
import { Page, scenarioFromQuery } from './page.js';

declare global {
  interface Window {
    daemonsimPage?: Page;
  }
}

const { name, scenario } = scenarioFromQuery(new URLSearchParams(location.search));
window.daemonsimPage = new Page(name, scenario);
window.addEventListener('resize', () => window.daemonsimPage?.render());
