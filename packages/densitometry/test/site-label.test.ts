import { describe, expect, it } from 'vitest';
import { isSpineComposite, labelOfVertebrae, vertebraeOf } from '../src/index.ts';

describe('spine site labels', () => {
  it('expands ranges and lists into vertebrae in anatomical order', () => {
    expect(vertebraeOf('L1-L4')).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(vertebraeOf('L2-L4')).toEqual(['L2', 'L3', 'L4']);
    expect(vertebraeOf('L4,L1-L2')).toEqual(['L1', 'L2', 'L4']);
    expect(vertebraeOf('L3')).toEqual(['L3']);
  });

  it('rejects what is not a lumbar label', () => {
    expect(vertebraeOf('L4-L1')).toBeNull();
    expect(vertebraeOf('L5')).toBeNull();
    expect(vertebraeOf('total_hip')).toBeNull();
  });

  it('writes the shortest label for a set of vertebrae', () => {
    expect(labelOfVertebrae(['L1', 'L2', 'L4'])).toBe('L1-L2,L4');
    expect(labelOfVertebrae(['L2', 'L3', 'L4'])).toBe('L2-L4');
    expect(labelOfVertebrae(['L1', 'L3'])).toBe('L1,L3');
  });

  it('calls two or more vertebrae a composite, never one', () => {
    expect(isSpineComposite('L1,L3')).toBe(true);
    expect(isSpineComposite('L2')).toBe(false);
  });
});
