// `./build.sh screenshot`: docs/screenshot.png, the page annotating its
// example article, taken by headless Chromium.
import { setup } from '../tests/e2e/helpers.mjs';

const env = await setup();
try {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(env.url + 'index.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('#example');
  await page.waitForSelector('#output mark');
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await env.close();
}
