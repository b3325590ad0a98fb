import { describe, expect, it } from 'vitest';
import { headlineTitle, notAHeadline, opensWithTitle } from './headline';

/** The opening lines of the sample articles (resources/demo and the shared test corpus), LF line ends. */
const HEADLINED: [file: string, opening: string][] = [
  [
    '01-dam-collapse-figures',
    'Death toll rises to at least 47 after Harrow Gap dam collapse floods Lessard valley\n\nAt least 47 people have been killed.',
  ],
  [
    '02-border-shelling-claims',
    'Velmar and Istrenia trade blame over overnight shelling of border towns\n\nVelmar and Istrenia accused each other.',
  ],
  [
    '03-hostage-release-hedges',
    'Talks over kidnapped aid workers reportedly near a deal, officials say\n\nNegotiators are reportedly close.',
  ],
  [
    '04-wildfire-social-emoji',
    'Social media roundup: residents share images as Cedar Fork wildfire forces evacuations\n\nAs the Cedar Fork wildfire spread.',
  ],
  [
    '05-quetta-bilingual-urdu',
    'Landslide near Quetta buries homes as residents dispute official toll\n\nAt least 23 people (کوئٹہ).',
  ],
  [
    '06-ministry-press-release-crlf',
    'Ministry of Civil Protection announces relief package for districts hit by Storm Ilka\n\nFOR IMMEDIATE RELEASE. Ministry.',
  ],
  [
    '01-coastal-front-claims',
    'Armed group claims string of overnight raids in Verenna province\n\nThe Coastal Liberation Front (CLF) said.',
  ],
  [
    '02-river-flood-figures',
    'Floodwaters recede in the Amsel valley, leaving a trail of damage\n\nAt least 41 people have died.',
  ],
  [
    '03-election-claims',
    'Opposition alleges fraud as count stalls in Marrow County\n\nThe opposition Civic Alliance claimed.',
  ],
  [
    '04-outbreak-hedges',
    'Health ministry reports rise in suspected measles cases\n\nSuspected measles cases have risen.',
  ],
  [
    '05-social-post-emoji',
    'BREAKING 🚨 Reports of explosions near the port in Kessa 💥 — unconfirmed\n\nLocal accounts say 👀',
  ],
  [
    '06-bilingual-urdu',
    'Officials in Quetta say markets reopened on Monday\n\nShopkeepers in the Liaquat Bazaar area reopened.',
  ],
];

describe('headlineTitle', () => {
  it.each(HEADLINED)('takes the headline of %s as its title', (file, opening) => {
    expect(headlineTitle(opening, file)).toBe(opening.split('\n')[0]);
  });

  it('uses the file name when the first line is a kicker such as PRESS RELEASE', () => {
    const opening = 'PRESS RELEASE\n\nHarbour Workers Union: strike participation at 92 percent\n';
    expect(headlineTitle(opening, '07-press-release-crlf')).toBe('07-press-release-crlf');
    expect(notAHeadline(opening)).toBe('the first line is a kicker');
  });

  it.each([
    'KARACHI, March 3 (Reuters) -',
    'KARACHI, March 3 (Reuters) - Officials said 12 people died',
    'LONDON —',
    'WASHINGTON (AP) — Lawmakers met',
    'NEW YORK, Jan. 5 – Markets fell',
  ])('uses the file name when the first line is the dateline "%s"', (line) => {
    expect(headlineTitle(`${line}\n\nOfficials said twelve people died.`, 'wire-1')).toBe('wire-1');
    expect(notAHeadline(`${line}\n\nBody.`)).toBe('the first line is a dateline');
  });

  it('uses the file name when the text opens with body text', () => {
    const sentence = 'Officials said on Monday that 12 people died in the floods.\n\nMore text.';
    expect(headlineTitle(sentence, 'f')).toBe('f');
    const runOn = 'Officials said on Monday that 12 people\ndied in the floods\n';
    expect(headlineTitle(runOn, 'f')).toBe('f');
    const long = `${'word '.repeat(40)}and more\n\nBody.`;
    expect(headlineTitle(long, 'f')).toBe('f');
  });

  it('keeps headlines that merely look like datelines or shout', () => {
    expect(headlineTitle('UN, EU condemn strikes on Kessa port\n\nBody.', 'f')).toBe(
      'UN, EU condemn strikes on Kessa port',
    );
    expect(headlineTitle('US-China talks resume in Geneva\n\nBody.', 'f')).toBe(
      'US-China talks resume in Geneva',
    );
    expect(headlineTitle('FLOODS KILL 40 IN SINDH\n\nBody.', 'f')).toBe('FLOODS KILL 40 IN SINDH');
    expect(headlineTitle('Is the Harrow Gap dam safe?\n\nBody.', 'f')).toBe('Is the Harrow Gap dam safe?');
    expect(headlineTitle('\n\n  کراچی میں بارش  \n\nمتن', 'f')).toBe('کراچی میں بارش');
  });

  it('takes a headline that is the whole text, and the file name for a blank text', () => {
    expect(headlineTitle('Floods in Sindh', 'f')).toBe('Floods in Sindh');
    expect(headlineTitle(' \n\t\n', 'f')).toBe('f');
  });
});

describe('opensWithTitle', () => {
  it('is true when the title is the first line of the text, and false once the title is another', () => {
    const text = '\n Floods in Sindh \n\nOfficials said twelve people died.';
    expect(opensWithTitle(text, 'Floods in Sindh')).toBe(true);
    expect(opensWithTitle('Floods in Sindh', 'Floods in Sindh')).toBe(true);
    expect(opensWithTitle(text, 'Sindh floods')).toBe(false);
    expect(opensWithTitle(text, 'Floods')).toBe(false);
    expect(opensWithTitle('  ', 'f')).toBe(false);
  });
});

describe('why a first line is no headline', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

  it('takes a first line of up to 150 characters, cutting a title over 120 as titles are', () => {
    const at150 = `${'x'.repeat(149)}y`;
    expect(notAHeadline(`${at150}\n\nBody.`)).toBeNull();
    expect(headlineTitle(`${at150}\n\nBody.`, 'f')).toBe(`${'x'.repeat(119)}…`);
    expect(notAHeadline(`${at150}z\n\nBody.`)).toBe('the first line is too long for a headline');
  });

  it('measures the line without the spaces around it and lets a blank next line have spaces', () => {
    expect(notAHeadline(`   ${'x'.repeat(150)}   \n \t \nBody.`)).toBeNull();
    expect(notAHeadline('\n\n  Floods in Sindh\nrun on')).toBe('the first line runs on into the next');
    expect(notAHeadline('\n \n')).toBe('the text is blank');
    expect(notAHeadline('')).toBe('the text is blank');
  });

  it.each(['.', ',', ';', ':'])('refuses a line ending in "%s" as a sentence', (end) => {
    expect(notAHeadline(`Floods in Sindh${end}\n\nBody.`)).toBe('the first line ends like a sentence');
  });

  it('keeps a headline with such marks inside it or ending in ! or ?', () => {
    expect(notAHeadline('Floods: 40 dead, 3.5m displaced; aid slow\n\nBody.')).toBeNull();
    expect(notAHeadline('Floods kill 40!\n\nBody.')).toBeNull();
  });

  it('a line in capitals of three words or fewer is a kicker, of four or more a headline', () => {
    expect(notAHeadline('BREAKING NEWS TODAY\n\nBody.')).toBe('the first line is a kicker');
    expect(notAHeadline('UPDATE\n\nBody.')).toBe('the first line is a kicker');
    expect(notAHeadline('BREAKING  \t NEWS\n\nBody.')).toBe('the first line is a kicker');
    expect(notAHeadline('BREAKING NEWS FROM SINDH\n\nBody.')).toBeNull();
    expect(notAHeadline('Breaking news today\n\nBody.')).toBeNull();
    expect(notAHeadline('EU Summit\n\nBody.')).toBeNull();
    expect(notAHeadline('2026\n\nBody.')).toBeNull();
    expect(notAHeadline(`${words(2)}\n\nBody.`)).toBeNull();
  });

  it.each([
    'KARACHI -',
    'KARACHI -- Officials met',
    'KARACHI—',
    'KARACHI – Officials met',
    "ST. JOHN'S, Newfoundland, Sept. 4 (CP) — Officials met",
    'SÃO PAULO (Reuters) - Officials met',
    'DIYARBAKIR, Türkiye —',
    'LONDON, — Officials met',
  ])('"%s" is a dateline', (line) => {
    expect(notAHeadline(`${line}\n\nBody.`)).toBe('the first line is a dateline');
  });

  it.each([
    'KARACHI -Officials met',
    'Karachi — officials met',
    'KARACHI, and a clause far longer than a date ever is in a dateline — Officials met',
    'KARACHI (Reuters) Officials met - again',
    '- KARACHI - Officials met',
    'A-B-C plan agreed',
  ])('"%s" is no dateline', (line) => {
    expect(notAHeadline(`${line}\n\nBody.`)).not.toBe('the first line is a dateline');
  });
});

describe('a title the text already shows', () => {
  it('allows spaces or tabs between the title and its line end, nothing else', () => {
    expect(opensWithTitle('Floods in Sindh \t\nBody', 'Floods in Sindh')).toBe(true);
    expect(opensWithTitle('Floods in Sindh, again\nBody', 'Floods in Sindh')).toBe(false);
    expect(opensWithTitle('Floods in Sindh  ', 'Floods in Sindh')).toBe(false);
    expect(opensWithTitle('Intro\nFloods in Sindh\nBody', 'Floods in Sindh')).toBe(false);
    expect(opensWithTitle('', 'Floods')).toBe(false);
    expect(opensWithTitle('Floods in Kenya\nBody', 'Floods in Sindh')).toBe(false);
    expect(opensWithTitle('\n', '')).toBe(false);
  });
});
