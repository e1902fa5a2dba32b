// Shared set-up for the browser tests: a static server for www/ and headless
// Debian Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';

export const WWW = fileURLToPath(new URL('../../www/', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Starts the server and a browser; returns { browser, url, close }. */
export async function setup(headers) {
  const { server, url } = await startServer(WWW, 0, headers);
  const browser = await launch();
  return {
    browser,
    url,
    close: async () => {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Opens the app page and waits until the model is loaded. Records every request and console error. */
export async function openApp(browser, url, path = 'index.html') {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + path);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  return { page, requests, errors };
}

/** The highlighted mentions in the output: [{ text, label }], in document order. */
export function marks(page, selector = '#output') {
  return page.$$eval(`${selector} mark`, (ms) =>
    ms.map((m) => ({ text: m.firstChild.textContent, label: m.dataset.label })));
}
