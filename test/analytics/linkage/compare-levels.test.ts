import { describe, expect, it } from 'vitest';
import { createComparator, prepareRecords } from '../../../src/analytics/linkage/index.ts';
import type { FieldKind } from '../../../src/analytics/linkage/types.ts';

// Pairs of writings of one person as the region's sources write them, and the level each reaches.
describe('comparison levels on the names, dates and phones of the region', () => {
  const columns = {
    full_name: [
      'ဦးကျော်မင်း',
      'U Kyaw Min',
      'Nguyễn Văn An',
      'An Nguyen Van',
      'นายสมชาย ใจดี',
      'Somchai Chaidi',
      '\u1031\u1019\u102c\u1004\u1039\u1031\u1019\u102c\u1004\u1039',
      '\u1019\u1031\u102c\u1004\u103a\u1019\u1031\u102c\u1004\u103a',
    ],
    date_of_birth: [
      '1990-03-04',
      '04/03/1990',
      '1985-12-01',
      '1985-01-12',
      '1970-05-05',
      '1970-06-01',
      '',
      '2001-01-01',
    ],
    phone: [
      '+95 9 250 123 456',
      '09 250 123 456',
      '+84 912 345 678',
      '0912 345 678',
      '+66 81 234 5678',
      '081-234-5678',
      '',
      '',
    ],
  };
  const kinds = new Map<string, FieldKind>([
    ['full_name', 'name'],
    ['date_of_birth', 'date'],
    ['phone', 'phone'],
  ]);
  const prepared = prepareRecords({ columns }, kinds);
  const name = createComparator({ field: 'full_name', kind: 'name' }, prepared);
  const date = createComparator({ field: 'date_of_birth', kind: 'date' }, prepared);
  const phone = createComparator({ field: 'phone', kind: 'phone' }, prepared);
  const label = (comparator: typeof name, i: number, j: number) => {
    const level = comparator.level(i, j);
    return level < 0 ? 'missing' : comparator.labels[level];
  };

  it('native Burmese script meets its romanisation, honorific dropped', () => {
    expect(label(name, 0, 1)).toBe('exact');
  });
  it('family-first meets given-first', () => {
    expect(label(name, 2, 3)).toBe('same tokens, any order');
  });
  it('Thai script with its honorific meets a romanised spelling', () => {
    expect(label(name, 4, 5)).toBe('exact');
  });
  it('Zawgyi meets Unicode', () => {
    expect(label(name, 6, 7)).toBe('exact');
  });
  it('dates: written forms, day and month swapped, same year, missing', () => {
    expect(label(date, 0, 1)).toBe('exact');
    expect(label(date, 2, 3)).toBe('day and month swapped');
    expect(label(date, 4, 5)).toBe('within 31 days');
    expect(label(date, 6, 7)).toBe('missing');
  });
  it('phones: E.164 against national writing', () => {
    expect(label(phone, 0, 1)).toBe('exact');
    expect(['exact', 'same national number']).toContain(label(phone, 2, 3));
    expect(['exact', 'same national number']).toContain(label(phone, 4, 5));
    expect(label(phone, 6, 7)).toBe('missing');
  });
  it('is symmetric and gives the best level on identity', () => {
    for (const comparator of [name, date, phone])
      for (let i = 0; i < 8; i++) {
        for (let j = 0; j < 8; j++) expect(comparator.level(i, j)).toBe(comparator.level(j, i));
        if (comparator.column.ids[i] >= 0) expect(comparator.level(i, i)).toBe(0);
      }
  });
});
