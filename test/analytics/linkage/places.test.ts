import { describe, expect, it } from 'vitest';
import {
  createComparator,
  type PlaceResolver,
  prepareRecords,
  romanisedPlaceKey,
} from '../../../src/analytics/linkage/index.ts';
import { gazetteerPlaceResolver } from '../../../src/cli/commands/link.ts';

describe('places in linkage', () => {
  it('gives romanisation variants of a village one key, and different villages different keys', () => {
    expect(romanisedPlaceKey('Ban Huai Sai')).toBe(romanisedPlaceKey('Baan Houay Xay'));
    expect(romanisedPlaceKey('Phum Trapeang Kraing')).toBe(
      romanisedPlaceKey('phum trapaeng kraing'.replace('ae', 'ea')),
    );
    expect(romanisedPlaceKey('Thôn Tân An')).toBe(romanisedPlaceKey('Thon Tan An'));
    expect(romanisedPlaceKey('Kyaukthit Village')).toBe(romanisedPlaceKey('Kyaukthit'));
    expect(romanisedPlaceKey('Ban Huai Sai')).not.toBe(romanisedPlaceKey('Ban Huai Mai'));
    expect(romanisedPlaceKey('Phum Ampil Kandal')).not.toBe(romanisedPlaceKey('Phum Ampil Daun'));
  });

  it('resolves provinces through the gazetteer in any spelling or script, and villages within their province', () => {
    expect(gazetteerPlaceResolver('Siem Reap')).toBe('KH-17');
    expect(gazetteerPlaceResolver('Siemreab')).toBe('KH-17');
    expect(gazetteerPlaceResolver('ខេត្តសៀមរាប')).toBe('KH-17');
    expect(gazetteerPlaceResolver('จังหวัดอุบลราชธานี')).toBe('TH-34');
    expect(gazetteerPlaceResolver('Nowhere Province')).toBeNull();
    expect(gazetteerPlaceResolver('Ban Huai Sai', 'Ubon Ratchathani')).toBe(
      gazetteerPlaceResolver('Baan Houay Xay', 'TH-34'),
    );
    expect(gazetteerPlaceResolver('Ban Huai Sai', 'Ubon Ratchathani')).not.toBe(
      gazetteerPlaceResolver('Ban Huai Sai', 'Siem Reap'),
    );
    expect(gazetteerPlaceResolver('Ban Huai Sai', null)).toBe(`/${romanisedPlaceKey('Ban Huai Sai')}`);
  });

  it('compares places through the injected resolver: exact on the code, the village name alone when a province is missing', () => {
    const columns = {
      province: ['Siem Reap', 'Siemreab', 'ខេត្តសៀមរាប', 'Banteay Meanchey', '', 'Siem Reap'],
      village: [
        'Phum Ampil Kandal',
        'Phoum Ampil Kandal',
        'Phum Ampil Kandal',
        'Phum Ampil Kandal',
        'phum ampil kandal',
        'Phum Ta Kok',
      ],
    };
    const calls: [string, string | null | undefined][] = [];
    const resolve: PlaceResolver = (text, within) => {
      calls.push([text, within]);
      return gazetteerPlaceResolver(text, within);
    };
    const prepared = prepareRecords(
      { columns },
      new Map([
        ['province', 'place'],
        ['village', 'place'],
      ]),
      { places: { resolve, within: new Map([['village', 'province']]) } },
    );
    const province = createComparator({ field: 'province', kind: 'place' }, prepared);
    const village = createComparator({ field: 'village', kind: 'place', within: 'province' }, prepared);
    expect(province.level(0, 1)).toBe(0);
    expect(province.level(0, 2)).toBe(0);
    expect(province.level(0, 3)).toBe(province.labels.length - 1);
    expect(village.level(0, 1)).toBe(0);
    expect(village.level(0, 2)).toBe(0);
    expect(village.labels[village.level(0, 4)]).toBe('same place name (romanisation variants)');
    expect(village.labels[village.level(0, 3)]).toBe('same place name (romanisation variants)');
    expect(village.level(0, 5)).toBe(village.labels.length - 1);
    expect(calls).toContainEqual(['Siem Reap', undefined]);
    expect(calls).toContainEqual(['phum ampil kandal', null]);
  });

  it('without a resolver a place column still compares on its folded text', () => {
    const prepared = prepareRecords(
      { columns: { village: ['Ban Huai Sai', 'ban huai sai', 'Baan Houay Xay'] } },
      new Map([['village', 'place']]),
    );
    const village = createComparator({ field: 'village', kind: 'place' }, prepared);
    expect(village.level(0, 1)).toBe(0);
    expect(village.labels[village.level(0, 2)]).toBe('same place name (romanisation variants)');
  });
});
