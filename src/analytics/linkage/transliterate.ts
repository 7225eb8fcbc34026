import { detectScript } from './normalise-text.ts';
import { toUnicodeBurmese } from './zawgyi.ts';

/**
 * Rule-based transliteration of Thai, Lao, Khmer and Burmese script into plain Latin letters, so a
 * name written in native script can meet its romanised form in a Jaro–Winkler or phonetic comparison.
 *
 * Conventions (simplified, aimed at matching, not at publication):
 * - Thai: Royal Thai General System (RTGS, Royal Institute 1999) without tones: leading vowels
 *   (เ แ โ ใ ไ) are read after their consonant, a consonant with no written vowel before another
 *   consonant carries an implicit "o", final consonants take their RTGS final values (k, t, p, n, m, ng),
 *   ์ silences its consonant. Lao: the same reading with the Lao letters' values (BGN/PCGN 1966).
 * - Khmer: UNGEGN/ALA-LC-like consonant values, subscripts after coeng (U+17D2) read as cluster
 *   consonants, inherent "a" before a following syllable, first-series vowel values, register
 *   shifters and bantoc ignored.
 * - Burmese: common name romanisation (as in "Aung", "Kyaw", "Myint", "Thein", "Htun"): syllables of
 *   onset, medials (ya/ra → y, wa → w, ha → h before the onset), vowel and final as one rime; tones dropped;
 *   each syllable becomes one word, as romanised Burmese names are written ("Kyaw Min").
 *   Zawgyi text is converted to Unicode first.
 * Sources: Royal Institute (1999), "Principles of Romanization for Thai Script by Transcription
 * Method"; UNGEGN Working Group on Romanization Systems, "Report on the current status of United
 * Nations romanization systems for geographical names" (2017), Khmer, Lao and Burmese sections,
 * https://www.eki.ee/wgrs/; Unicode Technical Note #11 for Burmese syllable structure.
 * Complexity: O(length).
 */
export function transliterate(text: string): string {
  const script = detectScript(text);
  if (script === 'latin' || script === 'other') return text;
  const pieces = text.split(/(\s+)/);
  return pieces
    .map((piece) => {
      if (/^\s*$/.test(piece)) return piece;
      const pieceScript = detectScript(piece);
      if (pieceScript === 'thai') return transliterateThaiLike(piece, THAI);
      if (pieceScript === 'lao') return transliterateThaiLike(piece, LAO);
      if (pieceScript === 'khmer') return transliterateKhmer(piece);
      if (pieceScript === 'burmese') return transliterateBurmese(toUnicodeBurmese(piece));
      return piece;
    })
    .join('');
}

interface ThaiLikeTable {
  /** Consonant → [initial value, final value]. */
  consonants: Record<string, [string, string]>;
  /** Vowels written before their consonant. */
  leading: string;
  /** Vowel signs written after or above/below the consonant → value. */
  following: Record<string, string>;
  /** Tone marks and other signs dropped. */
  ignored: string;
  /** The sign that silences the preceding consonant (Thai ์). */
  silencer: string;
  /** Leading vowel → its value when alone. */
  leadingValue: Record<string, string>;
}

const THAI: ThaiLikeTable = {
  consonants: {
    ก: ['k', 'k'],
    ข: ['kh', 'k'],
    ฃ: ['kh', 'k'],
    ค: ['kh', 'k'],
    ฅ: ['kh', 'k'],
    ฆ: ['kh', 'k'],
    ง: ['ng', 'ng'],
    จ: ['ch', 't'],
    ฉ: ['ch', 't'],
    ช: ['ch', 't'],
    ซ: ['s', 't'],
    ฌ: ['ch', 't'],
    ญ: ['y', 'n'],
    ฎ: ['d', 't'],
    ฏ: ['t', 't'],
    ฐ: ['th', 't'],
    ฑ: ['th', 't'],
    ฒ: ['th', 't'],
    ณ: ['n', 'n'],
    ด: ['d', 't'],
    ต: ['t', 't'],
    ถ: ['th', 't'],
    ท: ['th', 't'],
    ธ: ['th', 't'],
    น: ['n', 'n'],
    บ: ['b', 'p'],
    ป: ['p', 'p'],
    ผ: ['ph', 'p'],
    ฝ: ['f', 'p'],
    พ: ['ph', 'p'],
    ฟ: ['f', 'p'],
    ภ: ['ph', 'p'],
    ม: ['m', 'm'],
    ย: ['y', 'i'],
    ร: ['r', 'n'],
    ล: ['l', 'n'],
    ว: ['w', 'o'],
    ศ: ['s', 't'],
    ษ: ['s', 't'],
    ส: ['s', 't'],
    ห: ['h', ''],
    ฬ: ['l', 'n'],
    อ: ['', 'o'],
    ฮ: ['h', ''],
  },
  leading: 'เแโใไ',
  leadingValue: { เ: 'e', แ: 'ae', โ: 'o', ใ: 'ai', ไ: 'ai' },
  following: {
    ะ: 'a',
    'ั': 'a',
    า: 'a',
    ำ: 'am',
    'ิ': 'i',
    'ี': 'i',
    'ึ': 'ue',
    'ื': 'ue',
    'ุ': 'u',
    'ู': 'u',
    ๅ: 'a',
    '็': '',
  },
  ignored: '่้๊๋ๆฯ',
  silencer: '์',
};

const LAO: ThaiLikeTable = {
  consonants: {
    ກ: ['k', 'k'],
    ຂ: ['kh', 'k'],
    ຄ: ['kh', 'k'],
    ງ: ['ng', 'ng'],
    ຈ: ['ch', 't'],
    ສ: ['s', 't'],
    ຊ: ['x', 't'],
    ຍ: ['ny', 'y'],
    ດ: ['d', 't'],
    ຕ: ['t', 't'],
    ຖ: ['th', 't'],
    ທ: ['th', 't'],
    ນ: ['n', 'n'],
    ບ: ['b', 'p'],
    ປ: ['p', 'p'],
    ຜ: ['ph', 'p'],
    ຝ: ['f', 'p'],
    ພ: ['ph', 'p'],
    ຟ: ['f', 'p'],
    ມ: ['m', 'm'],
    ຢ: ['y', 'y'],
    ຣ: ['r', 'n'],
    ລ: ['l', 'n'],
    ວ: ['v', 'o'],
    ຫ: ['h', ''],
    ອ: ['', 'o'],
    ຮ: ['h', ''],
    ໜ: ['n', 'n'],
    ໝ: ['m', 'm'],
  },
  leading: 'ເແໂໃໄ',
  leadingValue: { ເ: 'e', ແ: 'ae', ໂ: 'o', ໃ: 'ai', ໄ: 'ai' },
  following: {
    ະ: 'a',
    'ັ': 'a',
    າ: 'a',
    ຳ: 'am',
    'ິ': 'i',
    'ີ': 'i',
    'ຶ': 'u',
    'ື': 'u',
    'ຸ': 'u',
    'ູ': 'u',
    'ົ': 'o',
    ຽ: 'ia',
    'ຼ': 'l',
    '໌': '',
  },
  ignored: '່້໊໋ໆ',
  silencer: '໌',
};

function transliterateThaiLike(word: string, table: ThaiLikeTable): string {
  const silenced = new RegExp(
    `[${Object.keys(table.consonants).join('')}][${Object.keys(table.following).join('')}]?${table.silencer}`,
    'g',
  );
  const letters = [...word.replace(silenced, '')];
  let out = '';
  let index = 0;
  const isConsonant = (letter: string | undefined) =>
    letter !== undefined && table.consonants[letter] !== undefined;
  const skipIgnored = (from: number) => {
    let at = from;
    while (at < letters.length && table.ignored.includes(letters[at])) at++;
    return at;
  };
  while (index < letters.length) {
    let letter = letters[index];
    if (table.ignored.includes(letter)) {
      index++;
      continue;
    }
    let leading = '';
    if (table.leading.includes(letter) && isConsonant(letters[index + 1])) {
      leading = letter;
      index++;
      letter = letters[index];
    }
    if (!isConsonant(letter)) {
      out +=
        table.leadingValue[letter] ?? table.following[letter] ?? (/\p{L}|\p{N}/u.test(letter) ? '' : letter);
      index++;
      continue;
    }
    if (letters[skipIgnored(index + 1)] === table.silencer) {
      index = skipIgnored(index + 1) + 1;
      continue;
    }
    let onset = table.consonants[letter][0];
    index++;
    const second = letters[index];
    if (
      (second === 'ร' ||
        second === 'ล' ||
        second === 'ว' ||
        second === 'ຣ' ||
        second === 'ລ' ||
        second === 'ວ') &&
      (table.following[letters[index + 1]] !== undefined || leading !== '')
    ) {
      onset += table.consonants[second][0];
      index++;
    }
    if (letter === 'ห' || letter === 'ຫ') {
      const next = letters[index];
      if (isConsonant(next) && 'งญนมยรลวຍນມລວງ'.includes(next)) {
        onset = table.consonants[next][0];
        index++;
      }
    }
    index = skipIgnored(index);
    let vowel = '';
    let explicit = leading !== '';
    while (index < letters.length && table.following[letters[index]] !== undefined) {
      vowel += table.following[letters[index]];
      explicit = true;
      index = skipIgnored(index + 1);
    }
    if (leading !== '') {
      const next = letters[index];
      if (leading === 'เ' || leading === 'ເ') {
        if ((next === 'า' || next === 'າ') && vowel === '') {
          vowel = 'ao';
          index++;
        } else if (vowel === 'i' && (next === 'ย' || next === 'ຍ')) {
          vowel = 'ia';
          index++;
        } else if (vowel === 'ue' && (next === 'อ' || next === 'ອ')) {
          vowel = 'uea';
          index++;
        } else if (vowel === '' && (next === 'อ' || next === 'ອ')) {
          vowel = 'oe';
          index++;
        } else vowel = 'e' + vowel;
      } else vowel = table.leadingValue[leading] + vowel;
    }
    index = skipIgnored(index);
    let final = '';
    const next = letters[index];
    const afterNext = letters[skipIgnored(index + 1)];
    if (isConsonant(next) && !(table.following[afterNext] !== undefined) && !table.leading.includes(next)) {
      if (letters[skipIgnored(index + 1)] !== table.silencer) {
        if (!explicit && (next === 'ว' || next === 'ວ') && !isConsonant(afterNext)) {
          vowel = 'ua';
        } else if (!explicit && (next === 'อ' || next === 'ອ')) {
          vowel = 'o';
          const closing = letters[skipIgnored(index + 1)];
          const afterClosing = letters[skipIgnored(skipIgnored(index + 1) + 1)];
          if (
            isConsonant(closing) &&
            table.following[afterClosing] === undefined &&
            !table.leading.includes(closing)
          ) {
            final = table.consonants[closing][1];
            index = skipIgnored(index + 1);
          }
        } else {
          if (!explicit) vowel = 'o';
          final = table.consonants[next][1];
          if ((next === 'ย' || next === 'ຍ') && vowel.endsWith('a')) final = 'i';
        }
        index++;
        if (letters[index] === 'ร' && letter === 'ร') index++;
      }
    } else if (!explicit) vowel = next === undefined ? 'o' : 'a';
    out += onset + vowel + final;
  }
  return out;
}

const KHMER_CONSONANTS: Record<string, string> = {
  ក: 'k',
  ខ: 'kh',
  គ: 'k',
  ឃ: 'kh',
  ង: 'ng',
  ច: 'ch',
  ឆ: 'chh',
  ជ: 'ch',
  ឈ: 'chh',
  ញ: 'nh',
  ដ: 'd',
  ឋ: 'th',
  ឌ: 'd',
  ឍ: 'th',
  ណ: 'n',
  ត: 't',
  ថ: 'th',
  ទ: 't',
  ធ: 'th',
  ន: 'n',
  ប: 'b',
  ផ: 'ph',
  ព: 'p',
  ភ: 'ph',
  ម: 'm',
  យ: 'y',
  រ: 'r',
  ល: 'l',
  វ: 'v',
  ស: 's',
  ហ: 'h',
  ឡ: 'l',
  អ: '',
};
const KHMER_INDEPENDENT: Record<string, string> = {
  ឥ: 'e',
  ឦ: 'ei',
  ឧ: 'o',
  ឩ: 'ou',
  ឪ: 'ov',
  ឫ: 'rue',
  ឬ: 'rueu',
  ឭ: 'lue',
  ឮ: 'lueu',
  ឯ: 'ae',
  ឰ: 'ai',
  ឱ: 'ao',
  ឲ: 'ao',
  ឳ: 'au',
};
const KHMER_VOWELS: Record<string, string> = {
  'ា': 'a',
  'ិ': 'e',
  'ី': 'ei',
  'ឹ': 'oe',
  'ឺ': 'eu',
  'ុ': 'o',
  'ូ': 'ou',
  'ួ': 'uo',
  'ើ': 'aeu',
  'ឿ': 'oea',
  'ៀ': 'ie',
  'េ': 'e',
  'ែ': 'ae',
  'ៃ': 'ai',
  'ោ': 'ao',
  'ៅ': 'au',
  'ំ': 'm',
  'ះ': 'h',
};
const KHMER_FINAL: Record<string, string> = {
  ខ: 'k',
  គ: 'k',
  ឃ: 'k',
  ព: 'p',
  ភ: 'p',
  ទ: 't',
  ធ: 't',
  ជ: 'ch',
  ឈ: 'ch',
  រ: '',
};
const KHMER_IGNORED = '់៉៊៌៍៎៏័៑';
const COENG = '្';

function transliterateKhmer(word: string): string {
  const letters = [...word].filter((letter) => !KHMER_IGNORED.includes(letter));
  let out = '';
  let index = 0;
  while (index < letters.length) {
    const letter = letters[index];
    if (KHMER_INDEPENDENT[letter] !== undefined) {
      out += KHMER_INDEPENDENT[letter];
      index++;
      continue;
    }
    if (KHMER_CONSONANTS[letter] === undefined) {
      out += KHMER_VOWELS[letter] ?? (/\p{L}|\p{N}/u.test(letter) ? '' : letter);
      index++;
      continue;
    }
    let onset = KHMER_CONSONANTS[letter];
    index++;
    while (letters[index] === COENG && KHMER_CONSONANTS[letters[index + 1]] !== undefined) {
      onset += KHMER_CONSONANTS[letters[index + 1]];
      index += 2;
    }
    let vowel = '';
    while (index < letters.length && KHMER_VOWELS[letters[index]] !== undefined) {
      vowel += KHMER_VOWELS[letters[index]];
      index++;
    }
    const next = letters[index];
    const startsSyllable =
      next !== undefined &&
      KHMER_CONSONANTS[next] !== undefined &&
      (KHMER_VOWELS[letters[index + 1]] !== undefined || letters[index + 1] === COENG);
    if (vowel === '' && next !== undefined && KHMER_CONSONANTS[next] !== undefined && startsSyllable)
      vowel = 'a';
    else if (vowel === '' && next !== undefined && KHMER_CONSONANTS[next] !== undefined) vowel = 'o';
    else if (vowel === '' && next === undefined && out === '') vowel = 'a';
    let final = '';
    if (next !== undefined && KHMER_CONSONANTS[next] !== undefined && !startsSyllable) {
      final = KHMER_FINAL[next] ?? KHMER_CONSONANTS[next];
      index++;
    }
    out += onset + vowel + final;
  }
  return out;
}

const BURMESE_CONSONANTS: Record<string, string> = {
  က: 'k',
  ခ: 'kh',
  ဂ: 'g',
  ဃ: 'g',
  င: 'ng',
  စ: 's',
  ဆ: 'hs',
  ဇ: 'z',
  ဈ: 'z',
  ဉ: 'ny',
  ည: 'ny',
  ဋ: 't',
  ဌ: 'ht',
  ဍ: 'd',
  ဎ: 'd',
  ဏ: 'n',
  တ: 't',
  ထ: 'ht',
  ဒ: 'd',
  ဓ: 'd',
  န: 'n',
  ပ: 'p',
  ဖ: 'ph',
  ဗ: 'b',
  ဘ: 'b',
  မ: 'm',
  ယ: 'y',
  ရ: 'y',
  လ: 'l',
  ဝ: 'w',
  သ: 'th',
  ဟ: 'h',
  ဠ: 'l',
  အ: '',
};
const BURMESE_INDEPENDENT: Record<string, string> = {
  ဣ: 'i',
  ဤ: 'i',
  ဥ: 'u',
  ဦ: 'u',
  ဧ: 'e',
  ဩ: 'aw',
  ဪ: 'aw',
};
/** Final consonant class: velar (k, ng), palatal (ny), dental and labial stops and nasals. */
const BURMESE_FINAL_CLASS: Record<string, 'k' | 'ng' | 't' | 'n' | 'p' | 'm' | 'ny'> = {
  က: 'k',
  င: 'ng',
  စ: 't',
  ည: 'ny',
  ဉ: 'ny',
  တ: 't',
  ဋ: 't',
  ဒ: 't',
  န: 'n',
  ဏ: 'n',
  ပ: 'p',
  မ: 'm',
};

/** Rime (vowel plus final) of a Burmese syllable in common name spelling. */
function burmeseRime(vowel: string, final: string | null, anusvara: boolean): string {
  const v = vowel;
  const f = anusvara ? 'n' : final;
  if (f === null) {
    if (v === '') return 'a';
    if (v === 'ာ' || v === 'ါ') return 'a';
    if (v === 'ိ' || v === 'ီ') return 'i';
    if (v === 'ု' || v === 'ူ') return 'u';
    if (v === 'ေ') return 'e';
    if (v === 'ဲ') return 'e';
    if (v === 'ော' || v === 'ေါ') return 'aw';
    if (v === 'ို') return 'o';
    return 'a';
  }
  const front = v === 'ိ' || v === 'ီ';
  const back = v === 'ု' || v === 'ူ';
  const o = v === 'ို';
  const aw = v === 'ော' || v === 'ေါ';
  switch (f) {
    case 'k':
      return aw ? 'auk' : o ? 'aik' : 'et';
    case 'ng':
      return aw ? 'aung' : o ? 'aing' : 'in';
    case 'ny':
      return 'i';
    case 't':
    case 'p':
      return front ? 'eik' : back ? 'ok' : 'at';
    default:
      return front ? 'ein' : back ? 'on' : o ? 'on' : 'an';
  }
}

function transliterateBurmese(word: string): string {
  const letters = [...word];
  let out = '';
  let index = 0;
  while (index < letters.length) {
    const letter = letters[index];
    if (
      out.length > 0 &&
      !out.endsWith(' ') &&
      (BURMESE_INDEPENDENT[letter] !== undefined || BURMESE_CONSONANTS[letter] !== undefined)
    )
      out += ' ';
    if (BURMESE_INDEPENDENT[letter] !== undefined) {
      out += BURMESE_INDEPENDENT[letter];
      index++;
      while (/[\u102b-\u103a]/.test(letters[index] ?? '')) index++;
      continue;
    }
    if (BURMESE_CONSONANTS[letter] === undefined) {
      out += /[\u1000-\u109f]/.test(letter) ? '' : letter;
      index++;
      continue;
    }
    let onset = BURMESE_CONSONANTS[letter];
    index++;
    let medialY = false;
    let medialW = false;
    let medialH = false;
    let vowel = '';
    let anusvara = false;
    while (index < letters.length) {
      const mark = letters[index];
      if (mark === '\u103b' || mark === '\u103c') medialY = true;
      else if (mark === '\u103d') medialW = true;
      else if (mark === '\u103e') medialH = true;
      else if ('\u102b\u102c\u102d\u102e\u102f\u1030\u1031\u1032'.includes(mark)) vowel += mark;
      else if (mark === '\u1036') anusvara = true;
      else if (mark !== '\u1037' && mark !== '\u1038') break;
      index++;
    }
    vowel = vowel.replace('\u1031\u102c', 'ော').replace('\u1031\u102b', 'ေါ').replace('\u102d\u102f', 'ို');
    let final: string | null = null;
    const next = letters[index];
    const killer = letters[index + 1] === '\u1037' ? index + 2 : index + 1;
    if (
      next !== undefined &&
      BURMESE_CONSONANTS[next] !== undefined &&
      (letters[killer] === '\u103a' || letters[killer] === '\u1039')
    ) {
      final = BURMESE_FINAL_CLASS[next] ?? 'n';
      index = killer + 1;
      while ('\u1037\u1038'.includes(letters[index] ?? '-')) index++;
    }
    if (medialY) onset = letter === 'ခ' ? 'ch' : letter === 'ဂ' ? 'gy' : `${onset}y`;
    if (medialH) onset = `h${onset}`;
    const rime = burmeseRime(vowel, final, anusvara);
    if (medialW && vowel === '' && (final !== null || anusvara)) out += `${onset}u${rime.slice(-1)}`;
    else out += (medialW ? `${onset}w` : onset) + rime;
  }
  return out;
}
