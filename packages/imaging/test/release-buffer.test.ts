import { describe, expect, it } from 'vitest';
import { releaseBuffer } from '../src/index.ts';

describe('releaseBuffer', () => {
  it('frees an array that spans its own buffer (it reads as empty)', () => {
    const scratch = new Float32Array(1000).fill(1);
    releaseBuffer(scratch);
    expect(scratch.length).toBe(0);
    expect(scratch.buffer.byteLength).toBe(0);
  });

  it('leaves a view on part of a buffer, a small pooled Buffer and shared memory alone', () => {
    const whole = new Float32Array(1000).fill(2);
    const part = whole.subarray(10, 20);
    releaseBuffer(part);
    expect(whole.length).toBe(1000);
    expect(part[0]).toBe(2);
    const pooled = Buffer.from('a small buffer shares its pool with others');
    releaseBuffer(pooled);
    expect(pooled.toString()).toBe('a small buffer shares its pool with others');
    const shared = new Int16Array(new SharedArrayBuffer(64));
    releaseBuffer(shared);
    expect(shared.length).toBe(32);
    // releasing twice does nothing more.
    const once = new Uint8Array(8);
    releaseBuffer(once);
    releaseBuffer(once);
    expect(once.length).toBe(0);
  });
});
