/**
 * Makes docs/screenshot.png: the demo project in Chromium at 1280x800 with a few spans tagged by
 * real drags and keys, and one Hedge linked to its Claim. `npm run screenshot` (after `npm run build`).
 */
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { dragSelect, startHost } from '../tests/e2e/host';

const ROOT = resolve(import.meta.dirname, '..');
const host = await startHost({ args: ['--startup', '--user', 'Alice'] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: 'Death toll' }).click();
  await page.locator('.mg-text').waitFor();
  const tags: [string, string, number?][] = [
    ['At least 47 people have been killed and more than 1,200 homes destroyed', '1'],
    ['At least 47 people', '2'],
    ['more than 1,200 homes', '2'],
    ['Lessard valley', '3', 1],
    ['officials said', '4'],
    ['183 people were still listed as missing', '1'],
    ['183 people', '2'],
    ['Orvel, Brannock and Sutter Mill', '3'],
  ];
  for (const [text, key, occurrence] of tags) {
    await dragSelect(page, text, occurrence ?? 0);
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
  }
  await page.locator('.mg-text .mg-span', { hasText: 'officials said' }).click();
  // Link the Hedge to the Claim it scopes (L, then Enter on the nearest Claim).
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  await page.locator('.mg-article').evaluate((element) => (element as HTMLElement).scrollTo(0, 0));
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await host.kill();
}
