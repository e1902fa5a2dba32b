// Shared set-up for the browser tests: a static server for www/ and headless
// Debian Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
/** The embeddable module: the one folder a CMS copies (and the npm package). */
export const MODULE_DIR = fileURLToPath(new URL('../../www/newsmark/', import.meta.url));

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

/** Starts the server (for www/, or `dir`) and a browser; returns { browser, url, close }. */
export async function setup(headers, dir = WWW) {
  const { server, url } = await startServer(dir, 0, headers);
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

/**
 * A throwaway site for embedding tests: `files` ({ 'path/in/site': content }) in a
 * temporary directory, with a copy of the module folder (www/newsmark/, and
 * nothing else of www/) at `mount`, so the module is served from a path of the
 * host's choosing. Returns the directory.
 */
export function makeSite(files, mount = 'static/newsmark') {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-site-'));
  mkdirSync(dirname(join(dir, mount)), { recursive: true });
  cpSync(MODULE_DIR, join(dir, mount), { recursive: true });
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

/** The strict CSP an embedding host may send (see README, "Embedding"). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Opens a page recording requests, console errors, page errors and CSP violations
 * (a `securitypolicyviolation` listener installed before any page script; it keeps
 * its list in a non-enumerable property, so it adds no key to Object.keys(window)).
 * Returns { page, requests, errors, violations() }.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__nmViolations', { value: seen, enumerable: false });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  await page.goto(url);
  return { page, requests, errors, violations: () => page.evaluate(() => window.__nmViolations) };
}
