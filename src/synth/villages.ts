import type { Country } from './places.ts';

/**
 * Village names of origin provinces, built deterministically from the province code and a village
 * number (the same village always has the same name), in the naming habit of each country.
 */
const SYLLABLES: Record<Country, readonly string[]> = {
  KH: [
    'Ta',
    'Kok',
    'Prey',
    'Svay',
    'Chrey',
    'Trapeang',
    'Thmei',
    'Kandal',
    'Ou',
    'Ampil',
    'Roka',
    'Daun',
    'Kraing',
    'Chambak',
    'Sangkae',
  ],
  TH: ['Nong', 'Khok', 'Don', 'Na', 'Huai', 'Non', 'Sai', 'Kham', 'Mai', 'Thung', 'Pho', 'Sang'],
  LA: ['Nong', 'Don', 'Na', 'Huay', 'Phon', 'Xay', 'Kham', 'Mai', 'Thong', 'Pho', 'Sang', 'Houay'],
  MM: ['Kyauk', 'Taung', 'Thit', 'Kan', 'Sin', 'Myaung', 'Zee', 'Nyaung', 'Gon', 'Ohn', 'Kyun', 'Tha'],
  VN: ['Dong', 'Tan', 'An', 'Phu', 'Thach', 'Hoa', 'Binh', 'Xuan', 'Trung', 'Vinh', 'Lang', 'Cao'],
  CN: ['Xin', 'Da', 'Shang', 'Xia', 'Li', 'He', 'Shui', 'Ping', 'Bai', 'Long', 'Nan', 'Dong'],
};

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const NAMES = new Map<string, string>();

export function villageName(province: string, country: Country, village: number): string {
  const key = `${province}#${village}`;
  let name = NAMES.get(key);
  if (name === undefined) {
    name = buildName(province, country, village);
    NAMES.set(key, name);
  }
  return name;
}

function buildName(province: string, country: Country, village: number): string {
  const syllables = SYLLABLES[country];
  const h = hash(`${province}#${village}`);
  const first = syllables[h % syllables.length];
  const second = syllables[(h >>> 8) % syllables.length];
  switch (country) {
    case 'KH':
      return `Phum ${first} ${second}`;
    case 'TH':
    case 'LA':
      return `Ban ${first} ${second}`;
    case 'MM':
      return `${first}${second.toLowerCase()} Village`;
    case 'VN':
      return `Thon ${first} ${second}`;
    case 'CN':
      return `${first}${second.toLowerCase()} Cun`;
  }
}
