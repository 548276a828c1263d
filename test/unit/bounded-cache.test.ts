import { BoundedCache } from '../../src/bounded-cache';

describe('BoundedCache', () => {
  it('drops the oldest entries once the count is over the bound', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    expect(cache.size).toBe(2);
  });

  it('bounds the total weight, and never keeps an entry heavier than the bound', () => {
    const cache = new BoundedCache<string, string>(10, (key, value) => key.length + value.length);
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    cache.set('c', 'zzzz');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe('zzzz');
    expect(cache.set('big', 'x'.repeat(20))).toBe('x'.repeat(20));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('c')).toBe('zzzz');
  });

  it('computes a missing value once and remembers it', () => {
    const cache = new BoundedCache<number, number>(10);
    const compute = jest.fn((n: number) => n * 2);
    expect(cache.getOrSet(4, compute)).toBe(8);
    expect(cache.getOrSet(4, compute)).toBe(8);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('replacing a key keeps one entry and its new weight', () => {
    const cache = new BoundedCache<string, string>(6, (_k, v) => v.length);
    cache.set('a', 'xx');
    cache.set('a', 'xxxx');
    cache.set('b', 'yy');
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual(['xxxx', 'yy', 2]);
  });
});
