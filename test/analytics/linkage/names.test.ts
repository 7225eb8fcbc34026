import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectScript,
  foldText,
  isZawgyi,
  jaroWinklerSimilarity,
  normalisePhone,
  parseDate,
  phoneticKey,
  prepareName,
  transliterate,
  zawgyiToUnicode,
} from '../../../src/analytics/linkage/index.ts';

describe('text folding', () => {
  it('folds Vietnamese tones and vowel marks, đ and compatibility forms', () => {
    expect(foldText('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
    expect(foldText('ĐẶNG Văn Hùng')).toBe('dang van hung');
    expect(foldText('Ｔｒầｎ　Ｂìｎｈ')).toBe('tran binh');
    expect(foldText("O'Brien-Łukasz")).toBe('o brien lukasz');
  });

  it('keeps the vowel marks of Thai, Khmer and Burmese (they are letters there)', () => {
    expect(foldText('สมชาย')).toBe('สมชาย');
    expect(detectScript('សុខ')).toBe('khmer');
    expect(detectScript('ကျော်')).toBe('burmese');
    expect(detectScript('ສົມພອນ')).toBe('lao');
  });

  it('is idempotent and NFC-stable (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const once = foldText(text);
        expect(foldText(once)).toBe(once);
        expect(foldText(text.normalize('NFD'))).toBe(foldText(text.normalize('NFC')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Zawgyi', () => {
  // Hand-encoded pairs: Zawgyi stores ေ and medial ra before the consonant and uses U+1039 as asat.
  const pairs: [string, string, string][] = [
    [
      'Maung Maung',
      '\u1031\u1019\u102c\u1004\u1039\u1031\u1019\u102c\u1004\u1039',
      '\u1019\u1031\u102c\u1004\u103a\u1019\u1031\u102c\u1004\u103a',
    ],
    ['Daw', '\u1031\u1012\u105a', '\u1012\u1031\u102b\u103a'],
    ['Kyi', '\u103b\u1000\u100a\u1039', '\u1000\u103c\u100a\u103a'],
    ['Kyaw', '\u1031\u1000\u103a\u102c\u1039', '\u1000\u103b\u1031\u102c\u103a'],
  ];
  it.each(pairs)('detects and converts %s', (_name, zawgyi, unicode) => {
    expect(isZawgyi(zawgyi)).toBe(true);
    expect(isZawgyi(unicode)).toBe(false);
    expect(zawgyiToUnicode(zawgyi)).toBe(unicode);
  });

  it('leaves non-Burmese text alone', () => {
    expect(isZawgyi('Somchai')).toBe(false);
    expect(zawgyiToUnicode('Somchai')).toBe('Somchai');
  });
});

describe('transliteration meets romanised forms', () => {
  const cases: [string, string][] = [
    ['สมชาย', 'somchai'],
    ['สมศักดิ์', 'somsak'],
    ['บุญมี', 'bunmi'],
    ['สุดา', 'suda'],
    ['ບຸນມີ', 'bunmi'],
    ['ສົມພອນ', 'somphon'],
    ['សុខ', 'sok'],
    ['ចាន់', 'chan'],
    ['វណ្ណា', 'vanna'],
    ['ដារ៉ា', 'dara'],
    ['ကျော်', 'kyaw'],
    ['အောင်', 'aung'],
    ['သိန်း', 'thein'],
    ['ဝင်း', 'win'],
    ['ထွန်း', 'htun'],
    ['လှ', 'hla'],
    ['ခင်', 'khin'],
  ];
  it.each(cases)('%s → %s', (native, romanised) => {
    expect(transliterate(native)).toBe(romanised);
  });

  it('brings native-script names within Jaro–Winkler reach of common spellings', () => {
    const pairs: [string, string][] = [
      ['ဦးကျော်မင်း', 'U Kyaw Min'],
      ['นายสมชาย ใจดี', 'Somchai Jaidee'],
      ['ស្រីពៅ', 'Sreypov'],
    ];
    for (const [native, roman] of pairs) {
      const a = prepareName(native)!;
      const b = prepareName(roman)!;
      expect(jaroWinklerSimilarity(a.phonetic, b.phonetic)).toBeGreaterThan(0.85);
    }
  });
});

describe('personal names', () => {
  it('drops leading honorifics but never the last token', () => {
    expect(prepareName('U Kyaw Min')?.text).toBe('kyaw min');
    expect(prepareName('Daw Aung San Suu Kyi')?.text).toBe('aung san suu kyi');
    expect(prepareName('Ma')?.text).toBe('ma');
    expect(prepareName('Mr. John SMITH')?.text).toBe('john smith');
    expect(prepareName('  ')).toBeNull();
  });

  it('meets family-first and given-first orders in the sorted form', () => {
    expect(prepareName('Nguyễn Văn An')?.sorted).toBe(prepareName('An Nguyen Van')?.sorted);
    expect(prepareName('Nguyễn Văn An')?.text).not.toBe(prepareName('An Nguyen Van')?.text);
  });

  it('gives romanisation variants one phonetic key', () => {
    expect(phoneticKey('srey')).toBe(phoneticKey('srei'));
    expect(phoneticKey('chantha')).toBe(phoneticKey('chanta'));
    expect(phoneticKey('somchay')).toBe(phoneticKey('somchai'));
  });
});

describe('phone numbers to E.164', () => {
  it.each([
    ['+855 12 345 678', '+85512345678', 'KH'],
    ['+856 20 5555 1234', '+8562055551234', 'LA'],
    ['+95 9 250 123 456', '+959250123456', 'MM'],
    ['+66 81 234 5678', '+66812345678', 'TH'],
    ['+84 912 345 678', '+84912345678', 'VN'],
    ['+86 138 1234 5678', '+8613812345678', 'CN'],
    ['0066 81 234 5678', '+66812345678', 'TH'],
  ])('%s', (written, e164, country) => {
    const phone = normalisePhone(written);
    expect(phone?.value).toBe(e164);
    expect(phone?.country).toBe(country);
  });

  it('uses the default country for national numbers', () => {
    expect(normalisePhone('081 234 5678', { defaultCountry: 'TH' })?.value).toBe('+66812345678');
    expect(normalisePhone('012 345 678', { defaultCountry: 'KH' })?.value).toBe('+85512345678');
    expect(normalisePhone('12')).toBeNull();
  });
});

describe('dates', () => {
  it('reads the written forms and keeps corrupt dates as keys', () => {
    expect(parseDate('1971-06-24')).toMatchObject({ year: 1971, month: 6, day: 24, key: '19710624' });
    expect(parseDate('24/06/1971')).toMatchObject({ year: 1971, month: 6, day: 24 });
    expect(parseDate('19560931')).toMatchObject({ dayNumber: null, key: '19560931' });
    expect(parseDate('1970-01-01')?.dayNumber).toBe(0);
    expect(parseDate('2000-03-01')?.dayNumber).toBe(11017);
    expect(parseDate('not a date')).toBeNull();
  });
});
