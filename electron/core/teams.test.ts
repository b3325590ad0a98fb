import { describe, expect, it } from 'vitest';
import { GOLD } from './layers';
import { documentVisible, layerVisible, roleChangeRefusal, teamRefusal } from './teams';

const ann = { annotator: 'uid-ann', role: 'annotator' as const };
const own = { kind: 'annotator' as const, annotator: 'uid-ann' };
const other = { kind: 'annotator' as const, annotator: 'uid-bo' };
const closed = { annotatorsSeeOthers: false };
const open = { annotatorsSeeOthers: true };

describe('who runs the team', () => {
  it('lets only owners change roles and assignments, once a project has an owner', () => {
    expect(teamRefusal('owner', true)).toBeNull();
    expect(teamRefusal('reviewer', true)).toBe(
      'only an owner of the project can change roles and assignments',
    );
    expect(teamRefusal('annotator', true)).not.toBeNull();
    // A project made before roles has no owner: anyone may, as before.
    expect(teamRefusal('annotator', false)).toBeNull();
  });

  it('keeps at least one owner', () => {
    expect(roleChangeRefusal('owner', { role: 'owner', next: 'annotator' }, 1)).toBe(
      'a project keeps at least one owner: make someone else owner first',
    );
    expect(roleChangeRefusal('owner', { role: 'owner', next: 'reviewer' }, 2)).toBeNull();
    expect(roleChangeRefusal('owner', { role: 'annotator', next: 'owner' }, 1)).toBeNull();
    expect(roleChangeRefusal('reviewer', { role: 'annotator', next: 'reviewer' }, 1)).toMatch(
      /only an owner/,
    );
  });
});

describe('blind annotation', () => {
  it('shows an annotator only their documents once any are assigned; owners and reviewers all', () => {
    const unassigned = { assignedToViewer: false, projectHasAssignments: true };
    expect(documentVisible('annotator', unassigned)).toBe(false);
    expect(documentVisible('annotator', { ...unassigned, assignedToViewer: true })).toBe(true);
    expect(documentVisible('annotator', { assignedToViewer: false, projectHasAssignments: false })).toBe(
      true,
    );
    expect(documentVisible('reviewer', unassigned)).toBe(true);
    expect(documentVisible('owner', unassigned)).toBe(true);
  });

  it('shows an annotator only their own layer under assignment, unless the project lets them see others', () => {
    const team = { policy: closed, hasAssignments: true };
    expect(layerVisible(ann, own, team)).toBe(true);
    expect(layerVisible(ann, other, team)).toBe(false);
    expect(layerVisible(ann, GOLD, team)).toBe(false);
    expect(layerVisible(ann, other, { policy: open, hasAssignments: true })).toBe(true);
    expect(layerVisible(ann, GOLD, { policy: open, hasAssignments: true })).toBe(true);
    expect(layerVisible(ann, other, { policy: closed, hasAssignments: false })).toBe(true);
    expect(layerVisible({ annotator: 'uid-rita', role: 'reviewer' }, other, team)).toBe(true);
    expect(layerVisible({ annotator: 'uid-olga', role: 'owner' }, GOLD, team)).toBe(true);
  });
});
