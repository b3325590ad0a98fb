import { describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { ImportChoices, RecentHandles } from './pathHandles';

describe('recent-project handles', () => {
  it('gives one path one handle, other paths others, none of them containing the path', () => {
    const handles = new RecentHandles();
    const a = handles.handleOf('/home/u/a.marginalia');
    expect(handles.handleOf('/home/u/a.marginalia')).toBe(a);
    expect(handles.handleOf('/home/u/b.marginalia')).not.toBe(a);
    expect(a).not.toContain('a.marginalia');
  });

  it('names a path only while it is in the recent list', () => {
    const handles = new RecentHandles();
    const a = handles.handleOf('/home/u/a.marginalia');
    expect(handles.pathOf(a, ['/home/u/a.marginalia'])).toBe('/home/u/a.marginalia');
    expect(() => handles.pathOf(a, [])).toThrow(UserError);
    expect(() => handles.pathOf('/home/u/a.marginalia', ['/home/u/a.marginalia'])).toThrow(
      'that project is no longer in the recent list',
    );
  });
});

describe('import choices', () => {
  it('keeps the files of the last 20 import jobs, forgetting the oldest first', () => {
    const choices = new ImportChoices();
    for (let n = 1; n <= 21; n++) choices.remember(`import-${n}`, [`/data/${n}.txt`]);
    expect(() => choices.pathsOf('import-1')).toThrow(
      'import import-1 is not one this session remembers, so nothing was imported: choose the files again',
    );
    expect(choices.pathsOf('import-2')).toEqual(['/data/2.txt']);
    expect(choices.pathsOf('import-21')).toEqual(['/data/21.txt']);
  });
});
