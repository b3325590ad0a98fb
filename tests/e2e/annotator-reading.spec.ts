/**
 * Reading aids in the annotate view at 1280×800, by keys and clicks: relations drawn as arcs where
 * their spans are, search hits highlighted in the text, search over the layers one may see, and
 * the theme switch on every screen (search hits in the text: editor-flow.spec.ts). Each test reads back what is stored through the host's API.
 * Screenshots go to test-results/; the ones worth keeping are copied to docs/ by hand.
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { callApi, dragSelect, readDocument, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const HOSTAGES = 'Talks over kidnapped';

async function demo(page: Page, user = 'Dana') {
  host = await startHost({ args: ['--startup', '--user', user] });
  await page.goto(host.url);
  await expect(page.locator('.mg-doc')).toHaveCount(6);
}

async function open(page: Page, titlePart: string) {
  await page.locator('.mg-doc', { hasText: titlePart }).click();
  await expect(page.locator('.mg-article-title')).toContainText(titlePart);
}

/** The stored document whose title contains `titlePart`, read through the API. */
async function storedDocument(titlePart: string) {
  const id = (await callApi(host!, 'listDocuments', {})).find((d) => d.title.includes(titlePart))!.id;
  return readDocument(host!, id);
}

/** Drag-selects `needle` and tags it with the label key; waits until the span is in the list. */
async function tag(page: Page, needle: string, key: string, occurrence = 0) {
  const rows = await page.locator('.mg-spanrow').count();
  await dragSelect(page, needle, occurrence);
  await page.keyboard.press(key);
  await expect(page.locator('.mg-spanrow')).toHaveCount(rows + 1);
}

/** The centre of a box on screen. */
const centre = (box: { x: number; y: number; width: number; height: number }) => ({
  x: box.x + box.width / 2,
  y: box.y + box.height / 2,
});

test('a relation made by keyboard is drawn in the text: an arc with its type, pointing at its target', async ({
  page,
}) => {
  await demo(page);
  await open(page, HOSTAGES);
  await tag(page, 'Negotiators are reportedly close to securing the release of 11 aid workers', '1');
  await tag(page, 'reportedly', '4', 1);
  await expect(page.locator('.mg-arc')).toHaveCount(0);

  // L, then Enter: the Hedge scopes the Claim.
  await page.keyboard.press('l');
  await expect(page.getByRole('status', { name: 'Linking' })).toContainText('to Claim “Negotiators');
  await page.keyboard.press('Enter');
  const stored = await storedDocument(HOSTAGES);
  const hedge = stored.spans.find((s) => s.label === 'Hedge')!;
  const claim = stored.spans.find((s) => s.label === 'Claim')!;
  expect(stored.relations.map((r) => [r.type, r.fromSpan, r.toSpan])).toEqual([
    ['scopes', hedge.id, claim.id],
  ]);
  await expect(page.locator('.mg-text')).toBeFocused();

  const arc = page.locator(`.mg-arc[data-from="${hedge.id}"][data-to="${claim.id}"]`);
  await expect(arc).toHaveCount(1);
  await expect(arc.locator('text')).toHaveText('scopes');
  // The arc rises above the line from the Hedge (nested in the Claim) and its arrowhead ends on the Claim's first word.
  const ends = await arc.locator('path').evaluate((path: SVGPathElement) => {
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM()!;
    const at = (d: number) =>
      new DOMPoint(path.getPointAtLength(d).x, path.getPointAtLength(d).y).matrixTransform(matrix);
    const top = Math.min(...Array.from({ length: 21 }, (_, i) => at((length * i) / 20).y));
    return { start: at(0), end: at(length), top };
  });
  const hedgeBox = (await page.locator(`.mg-text [data-span-id="${hedge.id}"]`).first().boundingBox())!;
  const claimBox = (await page.locator(`.mg-text [data-span-id="${claim.id}"]`).first().boundingBox())!;
  expect(Math.abs(ends.start.x - centre(hedgeBox).x)).toBeLessThan(2);
  expect(ends.end.x).toBeGreaterThan(claimBox.x);
  expect(ends.end.x).toBeLessThan(claimBox.x + claimBox.width);
  expect(Math.abs(ends.end.x - ends.start.x)).toBeGreaterThan(10);
  expect(Math.abs(ends.end.y - claimBox.y)).toBeLessThan(3);
  expect(ends.top).toBeLessThan(Math.min(hedgeBox.y, claimBox.y));
  // Readable: the type sits above the text of its line, not over the letters of the spans.
  const label = (await arc.locator('text').boundingBox())!;
  expect(label.y + label.height).toBeLessThanOrEqual(hedgeBox.y + 4);
  await page.screenshot({ path: test.info().outputPath('relation-arcs.png') });

  // Deleting the relation takes its arc away.
  await page.getByRole('button', { name: /Delete relation scopes/ }).click();
  await expect(page.locator('.mg-arc')).toHaveCount(0);
  expect((await storedDocument(HOSTAGES)).relations).toEqual([]);
});

/** How light the screen's card is (0–255): the page colour of the theme in use. */
const pageLightness = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('.mg-card')!;
    const [r, g, b] = getComputedStyle(card).backgroundColor.match(/\d+/g)!.map(Number);
    return (r! + g! + b!) / 3;
  });

test('the theme switch is on the name prompt and the start screen too, reached by Tab, and remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  host = await startHost();
  await page.goto(host.url);
  // The name prompt: Tab from the name field reaches the switch.
  await expect(page.getByLabel('Your name')).toBeFocused();
  const theme = page.getByLabel('Colour theme');
  await expect(theme).toHaveValue('system');
  expect(await pageLightness(page)).toBeGreaterThan(200);
  await page.keyboard.press('Tab');
  await expect(theme).toBeFocused();
  await theme.selectOption('dark');
  expect(await pageLightness(page)).toBeLessThan(80);
  await page.getByLabel('Your name').fill('Rita');
  await page.keyboard.press('Enter');

  // The start screen: the same switch, still dark, after a reload too.
  await expect(page.getByRole('button', { name: 'New project…' })).toBeVisible();
  await expect(theme).toHaveValue('dark');
  await page.reload();
  await expect(page.getByRole('button', { name: 'New project…' })).toBeVisible();
  await expect(page.getByLabel('Colour theme')).toHaveValue('dark');
  expect(await pageLightness(page)).toBeLessThan(80);
  await page.screenshot({ path: test.info().outputPath('start-dark.png') });
  await page.getByLabel('Colour theme').selectOption('light');
  expect(await pageLightness(page)).toBeGreaterThan(200);
  expect((await callApi(host, 'getSession', {})).user).toBe('Rita');
});

test('project search over every layer finds the others’ spans and says whose layer each is in', async ({
  page,
}) => {
  // Ann1 and ann2 tagged figures in two reports; the reviewer put one in the gold layer.
  const path = join(tempDir('search-layers'), 'search.marginalia');
  const store = ProjectStore.create(path, 'search', DEFAULT_SCHEMA);
  const [ann1, ann2, rita] = ['ann1', 'ann2', 'rita'].map((name) => store.ensureAnnotator(name)) as [
    number,
    number,
    number,
  ];
  store.setAnnotatorRole('rita', 'reviewer', null);
  const texts = ['Officials said 12 people were killed in Kervadi.', 'At least 30 homes burned in Orvel.'];
  const [kervadi, orvel] = store
    .insertDocuments(
      texts.map((text, i) => ({
        externalId: `d${i}`,
        title: text,
        text,
        sha256: `s${i}`,
        source: {},
        newlinePolicy: 'none' as const,
      })),
      null,
    )
    .inserted.map((d) => d.id) as [number, number];
  const at = (text: string, needle: string) => ({
    start: text.indexOf(needle),
    end: text.indexOf(needle) + needle.length,
  });
  store.addSpan(ann1, kervadi, { label: 'Figure', ...at(texts[0]!, '12 people') });
  store.addSpan(ann2, kervadi, { label: 'Figure', ...at(texts[0]!, '12 people were killed') });
  store.addSpan(rita, orvel, { label: 'Figure', ...at(texts[1]!, '30 homes') }, { kind: 'gold' });
  store.close();

  host = await startHost({ args: ['--project', path, '--user', 'ann1'] });
  await page.goto(host.url);
  await expect(page.locator('.mg-doc')).toHaveCount(2);
  await page.keyboard.press('Control+Shift+F');
  await page.getByLabel('Only spans of label').selectOption('Figure');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  const results = page.getByRole('list', { name: 'Search results' }).locator('.mg-result');
  await expect(results).toHaveCount(1);
  await expect(results).not.toContainText('layer');

  await page.getByLabel('Whose spans').selectOption('all');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(results).toHaveText([
    /ann1’s layer.*12 people/,
    /ann2’s layer.*12 people were killed/,
    /gold layer.*30 homes/,
  ]);
  await page.screenshot({ path: test.info().outputPath('search-layers.png') });

  // Ann2's span opens with its text selected; ann1 tags the same words in their own layer.
  await results.nth(1).click();
  await expect(page.locator('.mg-article-title')).toContainText('Kervadi');
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('12 people were killed');
  await expect(page.locator('.mg-text')).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.locator('.mg-panel-heading')).toHaveText('2 spans');
  const { id } = (await callApi(host, 'listDocuments', {})).find((d) => d.title.includes('Kervadi'))!;
  const mine = await readDocument(host, id);
  expect(mine.spans.map((s) => `${s.annotator} ${s.label}: ${mine.text.slice(s.start, s.end)}`)).toEqual([
    'ann1 Figure: 12 people were killed',
    'ann1 Figure: 12 people',
  ]);
});
