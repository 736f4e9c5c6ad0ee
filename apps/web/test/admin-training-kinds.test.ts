import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRAINING_KINDS } from '../src/admin/training-kinds.ts';

// The training form's choice of kinds is a copy of the service's policy file: it must not drift.
describe('the training kinds offered by the form', () => {
  it('are those of packages/service/data/staff-training.json, with their names, in its order', () => {
    const policy = JSON.parse(
      readFileSync(new URL('../../../packages/service/data/staff-training.json', import.meta.url), 'utf8'),
    ) as { kinds: Record<string, { name: string }> };
    expect(TRAINING_KINDS).toEqual(Object.entries(policy.kinds).map(([id, k]) => ({ id, name: k.name })));
  });
});
