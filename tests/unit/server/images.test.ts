// Strict row and size parsing of the image endpoint, and the byte-bounded thumbnail LRU.
import { describe, expect, it } from 'vitest';
import { createRenderCache, parseRow, parseSize } from '../../../server/http/images.ts';

describe('parseRow', () => {
  it.each([
    ['0', 0],
    ['9', 9],
    ['10', null],
    ['-1', null],
    ['01', null],
    ['1e1', null],
    ['..', null],
    ['%2e%2e', null],
    ['/etc/passwd', null],
    ['99999999999999999999', null],
    ['', null],
  ])('%s → %s', (text, row) => expect(parseRow(text, 10)).toBe(row));
});

describe('parseSize', () => {
  it('accepts 8..4096 and nothing else', () => {
    expect(parseSize(undefined)).toBeUndefined();
    expect(parseSize('256')).toBe(256);
    expect(parseSize('7')).toBeNull();
    expect(parseSize('4097')).toBeNull();
    expect(parseSize('12px')).toBeNull();
  });
});

describe('render cache', () => {
  it('drops the least recently used entries past its byte budget', () => {
    const cache = createRenderCache(1600);
    const img = (n: number) => ({ body: new Uint8Array(n), contentType: 'image/webp' });
    cache.set('a', img(100));
    cache.set('b', img(100));
    expect(cache.get('a')).toBeDefined();
    for (let i = 0; i < 16; i++) cache.set(`x${i}`, img(100)); // 18 × 100 bytes: b, then a go
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('x15')).toBeDefined();
    expect(cache.get('x0')).toBeDefined();
    cache.set('huge', img(1000));
    expect(cache.get('huge')).toBeUndefined();
  });
});
