import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  BORDER_CROSSINGS,
  PROVINCES,
  placeKey,
  provinceByCode,
  resolveCrossing,
  resolveProvince,
} from '../../../src/domain/places/index.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

interface FixtureFeature {
  properties: { iso_3166_2: string; name: string; name_native: string | null; country: string };
}

describeWithReferenceData('geo', 'gazetteer against the reviewed GMS admin-1 fixture', () => {
  const fixture = JSON.parse(readFileSync(referencePath('geo', 'gms_admin1.geojson'), 'utf8')) as {
    features: FixtureFeature[];
  };

  it('has every reviewed unit, with the corrected codes, and the three units Natural Earth lacks', () => {
    const codes = new Set(PROVINCES.filter((p) => p.hasPolygon).map((p) => p.code));
    expect([...codes].sort()).toEqual(fixture.features.map((f) => f.properties.iso_3166_2).sort());
    expect(provinceByCode('LA-VT')?.name).toBe('Vientiane Prefecture');
    for (const code of ['KH-25', 'LA-XS', 'MM-18']) expect(provinceByCode(code)?.hasPolygon).toBe(false);
  });

  it('resolves every reviewed English and native name to its own code', () => {
    for (const { properties } of fixture.features) {
      const byName = resolveProvince(properties.name, { country: properties.country });
      expect(byName.status === 'resolved' && byName.province.code, properties.name).toBe(
        properties.iso_3166_2,
      );
      if (properties.name_native) {
        const byNative = resolveProvince(properties.name_native, { country: properties.country });
        expect(byNative.status === 'resolved' && byNative.province.code, properties.name_native).toBe(
          properties.iso_3166_2,
        );
      }
    }
  });

  it('knows every reviewed border crossing with its provinces', () => {
    const rows = parse(readFileSync(referencePath('geo', 'border_crossings.csv')), {
      columns: true,
    }) as Record<string, string>[];
    expect(BORDER_CROSSINGS.map((c) => c.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const row of rows) {
      const crossing = resolveCrossing(row.id);
      expect(crossing?.provinceA).toBe(row.province_a_iso);
      expect(provinceByCode(row.province_a_iso)).toBeDefined();
    }
  });
});

describe('resolveProvince', () => {
  it.each([
    ['Banteay Mean Chey Province', 'KH-1'],
    ['banteay-meanchey', 'KH-1'],
    ['Bântéay Méanchey', 'KH-1'],
    ['បន្ទាយមានជ័យ', 'KH-1'],
    ['Khett Batdambang', 'KH-2'],
    ['Rangoon', 'MM-06'],
    ['Saigon', 'VN-SG'],
    ['Hồ Chí Minh', 'VN-SG'],
    ['Đồng Nai', 'VN-39'],
    ['จังหวัดสระแก้ว', 'TH-27'],
    ['Srakaeo', 'TH-27'],
    ['Tboung Khmum', 'KH-25'],
    ['Vientiane Capital', 'LA-VT'],
    ['kh-12', 'KH-12'],
  ])('resolves %s to %s', (text, code) => {
    const resolution = resolveProvince(text);
    expect(resolution.status === 'resolved' && resolution.province.code).toBe(code);
  });

  it('reports a name it does not know as unresolved, never a guess', () => {
    expect(resolveProvince('Atlantis').status).toBe('unresolved');
    expect(resolveProvince('').status).toBe('unresolved');
  });

  it('reports a name shared by two units as ambiguous until the country is given', () => {
    const vientiane = resolveProvince('Vientiane');
    expect(vientiane.status).toBe('ambiguous');
  });

  it('folds case, marks and generic words into one key', () => {
    expect(placeKey('Kâmpóng Cham Province')).toBe(placeKey('kampong cham'));
  });
});

describe('resolveCrossing', () => {
  it('finds a crossing by either town', () => {
    expect(resolveCrossing('Poipet')?.id).toBe('KH-TH-01');
    expect(resolveCrossing('Aranyaprathet')?.id).toBe('KH-TH-01');
    expect(resolveCrossing('Mae Sot')?.id).toBe('TH-MM-01');
  });
});
