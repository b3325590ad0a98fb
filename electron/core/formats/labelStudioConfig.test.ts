/**
 * The Label Studio labeling config: the XML written beside an export, and configs as Label Studio's
 * own templates write them (named colours, relations before the labels, dynamic labels from the task).
 */
import { describe, expect, it } from 'vitest';
import { labelConfig, schemaFromConfig } from './labelStudioConfig';

describe('labelConfig: the XML to create a Label Studio project with', () => {
  it('writes one Labels tag over the text, a Label per label with its colour, and no Relations when there are none', () => {
    expect(
      labelConfig(
        new Map([
          ['Claim', '#d9480f'],
          ['Hedge', '#a61e4d'],
        ]),
        new Set(),
      ),
    ).toBe(
      [
        '<View>',
        '  <Labels name="label" toName="text">',
        '    <Label value="Claim" background="#d9480f"/>',
        '    <Label value="Hedge" background="#a61e4d"/>',
        '  </Labels>',
        '  <Text name="text" value="$text"/>',
        '</View>',
        '',
      ].join('\n'),
    );
  });

  it('lists each relation type in a Relations tag', () => {
    const xml = labelConfig(new Map([['Claim', '#d9480f']]), new Set(['scopes', 'in']));
    expect(xml).toContain(
      '  <Text name="text" value="$text"/>\n  <Relations>\n    <Relation value="scopes"/>\n    <Relation value="in"/>\n  </Relations>\n</View>\n',
    );
  });

  it('escapes &, ", < and > in names so the XML stays well-formed, and reads them back unchanged', () => {
    const name = 'R&D "lab" <x>';
    const xml = labelConfig(new Map([[name, '#123456']]), new Set(['a<b']));
    expect(xml).toContain('<Label value="R&amp;D &quot;lab&quot; &lt;x&gt;" background="#123456"/>');
    expect(xml).toContain('<Relation value="a&lt;b"/>');
    const schema = schemaFromConfig(xml);
    expect(schema.labels.map((l) => l.key)).toEqual([name]);
    expect(schema.relationTypes).toEqual([{ name: 'a<b', fromLabel: name, toLabel: null }]);
  });
});

// In the layout of Label Studio's relation extraction template.
const TEMPLATE = `<View>
  <Relations>
    <Relation value="org:founded_by"/>
    <Relation background="orange" value="org:founded"/>
    <Relation/>
  </Relations>
  <Labels name="label" toName="text">
    <Label value="Organization" background="orange"/>
    <Label value="Person" background="#1D91C0"/>
    <Label value="Datetime" background="#abc"/>
    <Label value="Money" background="#1d91c0cc"/>
    <Label value="Event" background=" #123456"/>
    <Label value="Person" background="#000000"/>
    <Label background="#ffffff"/>
    <Label value="Tom &amp;amp; Jerry&apos;s" background="#00ff00" />
  </Labels>
  <Text name="text" value="$text"/>
</View>`;

describe('schemaFromConfig: a Label Studio config as a schema fragment', () => {
  it('takes each named Label once, in order, keeping hex colours and greying the others', () => {
    expect(schemaFromConfig(TEMPLATE).labels.map((l) => [l.key, l.color])).toEqual([
      ['Organization', '#888888'],
      ['Person', '#1D91C0'],
      ['Datetime', '#888888'],
      ['Money', '#888888'],
      ['Event', '#888888'],
      ["Tom &amp; Jerry's", '#00ff00'],
    ]);
    expect(schemaFromConfig(TEMPLATE).labels[0]).toEqual({
      key: 'Organization',
      name: 'Organization',
      color: '#888888',
      hotkey: '',
      kind: 'span',
      attributes: [],
    });
  });

  it('makes each Relation a type from every label to any label', () => {
    const { relationTypes } = schemaFromConfig(TEMPLATE);
    const labels = ['Organization', 'Person', 'Datetime', 'Money', 'Event', "Tom &amp; Jerry's"];
    expect(relationTypes).toHaveLength(12);
    expect(relationTypes.slice(0, 6)).toEqual(
      labels.map((fromLabel) => ({
        name: 'org:founded_by',
        fromLabel,
        toLabel: null,
      })),
    );
    expect(relationTypes[6]).toEqual({ name: 'org:founded', fromLabel: 'Organization', toLabel: null });
  });

  it('does not take a Labels tag that draws its labels from the task (value="$labels") for a label', () => {
    const dynamic =
      '<View><Labels name="label" toName="text" value="$labels"/><Text name="text" value="$text"/></View>';
    expect(schemaFromConfig(dynamic)).toEqual({ labels: [], relationTypes: [] });
  });

  it('reads the value attribute, not another attribute ending in "value"', () => {
    const xml = '<View><Label hint_value="Wrong" value="Right" background="#111111"/></View>';
    expect(schemaFromConfig(xml).labels.map((l) => l.key)).toEqual(['Right']);
  });
});
