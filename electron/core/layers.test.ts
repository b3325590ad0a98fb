import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, editRefusal, GOLD, layerKey, mayEdit, sameLayer, type LayerRef } from './layers';

const alice = { annotator: 'uid-alice', role: 'annotator' as const };
const rita = { annotator: 'uid-rita', role: 'reviewer' as const };
const aliceLayer: LayerRef = { kind: 'annotator', annotator: 'uid-alice' };
const bobLayer: LayerRef = { kind: 'annotator', annotator: 'uid-bob' };
const ritaLayer: LayerRef = { kind: 'annotator', annotator: 'uid-rita' };
const open = { reviewersEditAnnotatorLayers: true };

describe('who may edit which layer', () => {
  it('lets an annotator edit their own layer and nothing else', () => {
    expect(mayEdit(alice, aliceLayer, DEFAULT_POLICY)).toBe(true);
    expect(editRefusal(alice, bobLayer, DEFAULT_POLICY)).toBe('belongs to another annotator');
    expect(editRefusal(alice, GOLD, DEFAULT_POLICY)).toBe(
      'belongs to the gold layer, which only reviewers edit',
    );
  });

  it('keeps other annotators\u2019 layers closed to an annotator even where reviewers may edit them', () => {
    expect(mayEdit(alice, bobLayer, open)).toBe(false);
    expect(mayEdit(alice, GOLD, open)).toBe(false);
  });

  it('lets a reviewer edit the gold layer and their own layer', () => {
    expect(mayEdit(rita, GOLD, DEFAULT_POLICY)).toBe(true);
    expect(mayEdit(rita, ritaLayer, DEFAULT_POLICY)).toBe(true);
  });

  it('lets a reviewer edit annotators\u2019 layers only where the project allows it (off by default)', () => {
    expect(editRefusal(rita, bobLayer, DEFAULT_POLICY)).toMatch(
      /^belongs to another annotator \(this project does not let reviewers edit annotators' layers\)$/,
    );
    expect(mayEdit(rita, bobLayer, open)).toBe(true);
  });

  it('names layers by kind and stable id', () => {
    expect(layerKey(GOLD)).toBe('gold');
    expect(layerKey(bobLayer)).toBe('annotator:uid-bob');
    expect(sameLayer(bobLayer, { kind: 'annotator', annotator: 'uid-bob' })).toBe(true);
    expect(sameLayer(bobLayer, aliceLayer)).toBe(false);
  });
});
