/**
 * A tag is painted in the frame after the key and stored in the same moment. These tests hold the
 * store's reply back, or make it fail, to check what the annotator sees meanwhile and afterwards;
 * and they tag a long article, which the editor draws in sections. What is stored is read back
 * through the API.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, dragSelect, readDocument, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const DAM = 'Death toll';
const WORDS = 'At least 47 people';

/** The demo project, user Alice, with the dam article open and WORDS selected by a mouse drag. */
async function demoWithSelection(page: Page): Promise<void> {
  host = await startHost({ args: ['--startup', '--user', 'Alice'] });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: DAM }).click();
  await expect(page.locator('.mg-article-title')).toContainText(DAM);
  await dragSelect(page, WORDS);
}

/** Alice's stored spans of the document whose title holds `title`, as "Label: text". */
async function storedSpans(title = DAM): Promise<string[]> {
  const documents = await callApi(host!, 'listDocuments', {});
  const document = await readDocument(host!, documents.find((d) => d.title.includes(title))!.id);
  return document.spans.map((s) => `${s.label}: ${document.text.slice(s.start, s.end)}`);
}

/** Alice's stored relations of the dam article, as "from-text type to-text". */
async function storedRelations(): Promise<string[]> {
  const documents = await callApi(host!, 'listDocuments', {});
  const document = await readDocument(host!, documents.find((d) => d.title.includes(DAM))!.id);
  const text = (id: number) => {
    const span = document.spans.find((s) => s.id === id)!;
    return document.text.slice(span.start, span.end);
  };
  return document.relations.map((r) => `${text(r.fromSpan)} ${r.type} ${text(r.toSpan)}`);
}

/** The texts the editor shows as tags waiting for the store (CSS highlights), by highlight name. */
function pendingTags(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...CSS.highlights].flatMap(([name, highlight]) =>
      [...highlight].map((marked) => {
        const range = document.createRange();
        range.setStart(marked.startContainer, marked.startOffset);
        range.setEnd(marked.endContainer, marked.endOffset);
        return `${name}: ${range.toString()}`;
      }),
    ),
  );
}

/**
 * Holds the app's addSpan calls back until the returned function is called. The page's fetch is
 * wrapped (the loopback client calls it per request): deterministic, where network interception
 * let a request through now and then.
 */
async function holdAddSpan(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => {
    const original = window.fetch.bind(window);
    const gate = new Promise<void>((resolve) => Object.assign(window, { releaseAddSpan: resolve }));
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/api/addSpan')) await gate;
      return original(input, init);
    };
  });
  return () => page.evaluate(() => (window as unknown as { releaseAddSpan: () => void }).releaseAddSpan());
}

/**
 * Holds each of the app's addSpan calls back until the returned function is called once for it,
 * in the order they were sent; `sent` counts the calls made so far.
 */
async function gateAddSpan(
  page: Page,
): Promise<{ releaseOne: () => Promise<void>; sent: () => Promise<number> }> {
  await page.evaluate(() => {
    const original = window.fetch.bind(window);
    const gates: (() => void)[] = [];
    const state = { sent: 0, releaseOne: () => gates.shift()?.() };
    Object.assign(window, { addSpanGate: state });
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/api/addSpan')) {
        state.sent += 1;
        await new Promise<void>((resolve) => gates.push(resolve));
      }
      return original(input, init);
    };
  });
  type Gate = { addSpanGate: { sent: number; releaseOne: () => void } };
  return {
    releaseOne: () => page.evaluate(() => (window as unknown as Gate).addSpanGate.releaseOne()),
    sent: () => page.evaluate(() => (window as unknown as Gate).addSpanGate.sent),
  };
}

/** Makes the app's addSpan calls fail as a full disk would, until the returned function is called. */
async function failAddSpan(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => {
    const original = window.fetch;
    Object.assign(window, { restoreFetch: () => (window.fetch = original) });
    window.fetch = async (input, init) =>
      String(input).endsWith('/api/addSpan')
        ? Response.json({ ok: false, error: { kind: 'internal', message: 'database or disk is full' } })
        : original(input, init);
  });
  return () => page.evaluate(() => (window as unknown as { restoreFetch: () => void }).restoreFetch());
}

test('a tag is shown before the store answers, then drawn as the stored span', async ({ page }) => {
  await demoWithSelection(page);
  const release = await holdAddSpan(page);
  await page.keyboard.press('2');
  // Shown in the Figure colour while the call is still held back; not stored, not a span yet.
  await expect.poll(() => pendingTags(page)).toEqual([`mg-pending-1: ${WORDS}`]);
  expect(await page.evaluate(() => getSelection()?.isCollapsed)).toBe(true);
  expect(await storedSpans()).toEqual([]);

  await release();
  const painted = page.locator('.mg-text .mg-span.mg-label-1.mg-selected');
  await expect(painted).toHaveText(WORDS);
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  expect(await pendingTags(page)).toEqual([]);
  expect(await storedSpans()).toEqual([`Figure: ${WORDS}`]);
});

test('keys and label clicks while a tag is being stored act after it, on the new span', async ({ page }) => {
  await demoWithSelection(page);
  const release = await holdAddSpan(page);
  await page.keyboard.press('2');
  await expect.poll(() => pendingTags(page)).toEqual([`mg-pending-1: ${WORDS}`]);
  // Relabel as Claim, as Location, then as Hedge with the label button: all must wait for the tag,
  // or they would act on nothing (or on the span selected before it).
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  await page.getByRole('button', { name: '4 Hedge' }).click();
  await release();
  await expect(page.locator('.mg-text .mg-span.mg-label-3.mg-selected')).toHaveText(WORDS);
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  await expect.poll(storedSpans).toEqual([`Hedge: ${WORDS}`]);
});

/** Three quick tags in one sentence, the third over the second, as a fast annotator makes them. */
const QUICK = { first: 'Harrow Gap', second: '47 people', third: 'At least 47 people have been killed' };
const QUICK_STORED = [`Claim: ${QUICK.third}`, `Figure: ${QUICK.second}`, `Location: ${QUICK.first}`];

/**
 * The dam article open with addSpan held back: the first tag is sent and waits, the second drag and
 * key wait behind it, and the third drag is made. Returns the gate.
 */
async function quickTagsWaiting(page: Page) {
  await demoWithSelection(page);
  const gate = await gateAddSpan(page);
  await dragSelect(page, QUICK.first);
  await page.keyboard.press('3');
  await expect.poll(gate.sent).toBe(1);
  await dragSelect(page, QUICK.second);
  await page.keyboard.press('2');
  await dragSelect(page, QUICK.third);
  return gate;
}

test('quick tags while the first is stored: each key tags the text selected when it was pressed', async ({
  page,
}) => {
  // Both keys wait for the first tag; the third drag is made before the first is stored.
  const gate = await quickTagsWaiting(page);
  await page.keyboard.press('1');
  for (let call = 1; call <= 3; call++) {
    await expect.poll(gate.sent).toBe(call);
    await gate.releaseOne();
  }
  await expect(page.locator('.mg-panel-heading')).toHaveText('3 spans');
  expect((await storedSpans()).sort()).toEqual(QUICK_STORED);
  await expect(page.locator('.mg-text')).toBeFocused();
});

test('a drag made while a key waits for the store stays selected for the next key', async ({ page }) => {
  const gate = await quickTagsWaiting(page);
  // The first tag is stored and the waiting key tags its text; the newer drag is left selected.
  await gate.releaseOne();
  await expect.poll(gate.sent).toBe(2);
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  // (Trimmed: a drag from a paragraph's first letter starts at the line break before it.)
  expect(await page.evaluate(() => getSelection()?.toString().trim())).toBe(QUICK.third);
  await page.keyboard.press('1');
  await gate.releaseOne();
  await expect.poll(gate.sent).toBe(3);
  await gate.releaseOne();
  await expect(page.locator('.mg-panel-heading')).toHaveText('3 spans');
  expect((await storedSpans()).sort()).toEqual(QUICK_STORED);
});

/**
 * Makes the page run its zero-delay timers queued after a mouseup only once the next press has
 * moved the browser's selection, and keeps that selection's change from the editor until then: as
 * Chrome does when it runs input before timers, which a loaded machine makes likely.
 */
async function timersAfterNextPress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const realTimeout = window.setTimeout.bind(window);
    const deferred: (() => void)[] = [];
    const state = { holding: false, unread: false };
    window.addEventListener('selectionchange', (e) => state.unread && e.stopImmediatePropagation(), true);
    document.addEventListener('mouseup', () => (state.holding = true), true);
    window.setTimeout = ((run: () => void, ms?: number) =>
      state.holding && !ms ? deferred.push(run) : realTimeout(run, ms)) as typeof window.setTimeout;
    document.addEventListener(
      'mousedown',
      () => {
        if (!state.holding) return;
        [state.holding, state.unread] = [false, true];
        realTimeout(() => {
          for (const run of deferred.splice(0)) run();
          state.unread = false;
        });
      },
      true,
    );
  });
}

test('a drag made after a held key starts where the mouse goes down, even when the editor catches up late', async ({
  page,
}) => {
  await demoWithSelection(page);
  const release = await holdAddSpan(page);
  await page.keyboard.press('1');
  await timersAfterNextPress(page);
  await dragSelect(page, '47 people');
  await page.keyboard.press('2');
  await dragSelect(page, 'more than 1,200 homes destroyed');
  expect(await page.evaluate(() => getSelection()?.toString())).toBe('more than 1,200 homes destroyed');
  await release();
  await expect(page.locator('.mg-panel-heading')).toHaveText('2 spans');
  expect((await storedSpans()).sort()).toEqual([`Claim: ${WORDS}`, 'Figure: 47 people']);
  expect(await page.evaluate(() => getSelection()?.toString())).toBe('more than 1,200 homes destroyed');
});

/** WORDS stored as a Claim, then "47 people" in it tagged as a Figure whose reply is held. Returns the release. */
async function figureWaitingInClaim(page: Page): Promise<() => Promise<void>> {
  await demoWithSelection(page);
  await page.keyboard.press('1');
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  const release = await holdAddSpan(page);
  await dragSelect(page, '47 people');
  await page.keyboard.press('2');
  return release;
}

test('L and Enter pressed while a tag is stored link the new span, as they would after it', async ({
  page,
}) => {
  const release = await figureWaitingInClaim(page);
  // L starts a link from the new Figure, Enter takes the first target offered: the Claim around it.
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await release();
  await expect(page.locator('.mg-panel-heading')).toHaveText('2 spans');
  await expect.poll(() => storedRelations()).toEqual([`47 people in ${WORDS}`]);
  await expect(page.locator('.mg-text')).toBeFocused();
});

test('L pressed the moment a tag is drawn, before the view has taken in its reply, links the new span', async ({
  page,
}) => {
  const release = await figureWaitingInClaim(page);
  // Pressed when the stored Figure is drawn in the text, in the same task as the reply.
  await page.evaluate(() => {
    const text = document.querySelector('.mg-text')!;
    const observer = new MutationObserver(() => {
      if (!text.querySelector('.mg-span.mg-label-1')) return;
      observer.disconnect();
      text.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'l', code: 'KeyL', bubbles: true, cancelable: true }),
      );
    });
    observer.observe(text, { subtree: true, childList: true, attributes: true });
  });
  await release();
  await expect(page.getByRole('status', { name: 'Linking' })).toContainText('47 people');
  await page.keyboard.press('Enter');
  await expect.poll(() => storedRelations()).toEqual([`47 people in ${WORDS}`]);
});

test('a tag the store refuses is taken back with the reason, the text stays selected', async ({ page }) => {
  await demoWithSelection(page);
  const restore = await failAddSpan(page);
  await page.keyboard.press('2');
  await expect(page.getByRole('alert')).toContainText('database or disk is full');
  await expect(page.locator('.mg-text .mg-span')).toHaveCount(0);
  expect(await pendingTags(page)).toEqual([]);
  expect(await page.evaluate(() => getSelection()?.toString())).toBe(WORDS);
  await expect(page.locator('.mg-panel-heading')).toHaveText('0 spans');
  expect(await storedSpans()).toEqual([]);

  // Once the disk has room again, the same key on the same selection tags it.
  await restore();
  await page.keyboard.press('2');
  await expect(page.locator('.mg-text .mg-span.mg-label-1')).toHaveText(WORDS);
  await expect.poll(storedSpans).toEqual([`Figure: ${WORDS}`]);
});

test('a long article in sections: a search result far down is shown and tagged, and a tag may cross a section', async ({
  page,
}) => {
  // 240 lines of ~300 characters: the editor draws it in about 25 sections of 3,000 characters.
  const filler =
    'Officials said the convoy was delayed at the checkpoint while aid groups waited for clearance. ';
  const lines = Array.from(
    { length: 240 },
    (_, i) =>
      `Line ${i}: ${filler.repeat(3)}${i === 230 ? 'Shelling hit the Zubrowka barracks.' : 'Talks went on.'}`,
  );
  const work = tempDir('long');
  writeFileSync(join(work, 'long.txt'), lines.join('\n'));
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await host.answerDialogs(join(work, 'long.marginalia'));
  await page.getByRole('button', { name: 'New project…' }).click();
  await host.answerDialogs(join(work, 'long.txt'));
  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await importDialog.getByRole('button', { name: 'Choose files…' }).click();
  await expect(importDialog.getByRole('status')).toContainText('Imported 1 new document');
  await importDialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.locator('.mg-doc').first().click();
  await expect.poll(() => page.locator('.mg-text .mg-section').count()).toBeGreaterThan(20);

  // Far down, in a section not yet laid out: the result is selected and scrolled into view.
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('Zubrowka');
  await page.keyboard.press('Enter');
  await page.getByRole('list', { name: 'Search results' }).locator('.mg-result').first().click();
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('Zubrowka');
  const shown = await page.evaluate(() => {
    const caret = getSelection()!.getRangeAt(0).getBoundingClientRect();
    const pane = document.querySelector('.mg-article')!.getBoundingClientRect();
    return caret.height > 0 && caret.top >= pane.top && caret.bottom <= pane.bottom;
  });
  expect(shown).toBe(true);
  await page.keyboard.press('3');
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toHaveText('Zubrowka');

  // Across the first section boundary: the end of one line and the start of the next.
  const [before, after] = await page.evaluate(() => {
    const sections = document.querySelectorAll('.mg-text .mg-section');
    return [sections[0]!.lastElementChild!.textContent!, sections[1]!.firstElementChild!.textContent!];
  });
  const end = before.slice(-'Talks went on.'.length);
  const start = after.slice(0, 'Line 10'.length);
  await page.locator('.mg-article').evaluate((pane) => (pane.scrollTop = 0));
  await dragSelect(page, end + start);
  await page.keyboard.press('1');
  await expect(page.locator('.mg-panel-heading')).toHaveText('2 spans');
  // The project holds this one document: any title will do.
  await expect.poll(() => storedSpans('')).toEqual([`Claim: ${end}\n${start}`, 'Location: Zubrowka']);
});
