import { BORDER_CROSSINGS, provinceByCode } from '../domain/places/index.ts';

/**
 * The places the synthetic world uses: origin and destination provinces (ISO 3166-2 codes) and the
 * border crossings, named as the platform gazetteer (`src/domain/places/`) names them. Each province
 * also carries the careless spellings clerks write (some of which the gazetteer cannot resolve, so
 * that the import's list of unresolved places has something real to show), and each crossing a
 * rough scale of its ordinary weekly traffic for the border series.
 */
export type Country = 'KH' | 'LA' | 'MM' | 'TH' | 'VN' | 'CN';

export interface Province {
  code: string;
  country: Country;
  name: string;
  /** Spellings agencies write instead of `name`. */
  variants: readonly string[];
}

const CLERK_SPELLINGS: readonly Province[] = [
  { code: 'KH-1', country: 'KH', name: 'Banteay Meanchey', variants: ['Banteay Mean Chey', 'B. Meanchey'] },
  { code: 'KH-2', country: 'KH', name: 'Battambang', variants: ['Batdambang', 'Battam Bang'] },
  { code: 'KH-3', country: 'KH', name: 'Kampong Cham', variants: ['Kompong Cham', 'Kg Cham'] },
  { code: 'KH-6', country: 'KH', name: 'Kampong Thom', variants: ['Kompong Thom', 'Kg Thom'] },
  { code: 'KH-12', country: 'KH', name: 'Phnom Penh', variants: ['Phnum Penh', 'PP'] },
  { code: 'KH-14', country: 'KH', name: 'Prey Veng', variants: ['Prey Veaeng', 'Preyveng'] },
  { code: 'KH-17', country: 'KH', name: 'Siem Reap', variants: ['Siemreap', 'Siem Riep'] },
  { code: 'KH-18', country: 'KH', name: 'Preah Sihanouk', variants: ['Sihanoukville', 'Kampong Som'] },
  { code: 'KH-20', country: 'KH', name: 'Svay Rieng', variants: ['Svay Rieng', 'Svayrieng'] },
  { code: 'KH-21', country: 'KH', name: 'Takeo', variants: ['Takev', 'Ta Keo'] },
  { code: 'KH-22', country: 'KH', name: 'Oddar Meanchey', variants: ['Otdar Meanchey', 'Oddor Meanchey'] },
  { code: 'LA-BK', country: 'LA', name: 'Bokeo', variants: ['Bokaew', 'Bo Keo'] },
  { code: 'LA-CH', country: 'LA', name: 'Champasak', variants: ['Champassak', 'Champasack'] },
  { code: 'LA-KH', country: 'LA', name: 'Khammouane', variants: ['Khammouan', 'Khammuan'] },
  { code: 'LA-LP', country: 'LA', name: 'Luang Prabang', variants: ['Louangphabang', 'Luang Phrabang'] },
  { code: 'LA-SL', country: 'LA', name: 'Salavan', variants: ['Saravane', 'Saravan'] },
  { code: 'LA-SV', country: 'LA', name: 'Savannakhet', variants: ['Savanakhet', 'Svannakhet'] },
  { code: 'LA-VI', country: 'LA', name: 'Vientiane Province', variants: ['Vientiane Prov.', 'Viangchan'] },
  {
    code: 'LA-VT',
    country: 'LA',
    name: 'Vientiane Capital',
    variants: ['Vientiane Prefecture', 'Vientiane'],
  },
  { code: 'MM-02', country: 'MM', name: 'Bago', variants: ['Pegu', 'Bago Region'] },
  { code: 'MM-05', country: 'MM', name: 'Tanintharyi', variants: ['Tenasserim', 'Taninthayi'] },
  { code: 'MM-06', country: 'MM', name: 'Yangon', variants: ['Rangoon', 'Yangon Region'] },
  { code: 'MM-07', country: 'MM', name: 'Ayeyarwady', variants: ['Irrawaddy', 'Ayeyarwaddy'] },
  { code: 'MM-13', country: 'MM', name: 'Kayin', variants: ['Karen', 'Kayin State'] },
  { code: 'MM-15', country: 'MM', name: 'Mon', variants: ['Mon State', 'Mon St.'] },
  { code: 'MM-17', country: 'MM', name: 'Shan', variants: ['Shan State', 'Shan St.'] },
  { code: 'TH-10', country: 'TH', name: 'Bangkok', variants: ['Krung Thep', 'BKK'] },
  { code: 'TH-20', country: 'TH', name: 'Chon Buri', variants: ['Chonburi', 'Cholburi'] },
  { code: 'TH-27', country: 'TH', name: 'Sa Kaeo', variants: ['Sakaeo', 'Sa Kaew'] },
  { code: 'TH-30', country: 'TH', name: 'Nakhon Ratchasima', variants: ['Korat', 'Nakhon Rachasima'] },
  { code: 'TH-34', country: 'TH', name: 'Ubon Ratchathani', variants: ['Ubon', 'Ubon Rachathani'] },
  { code: 'TH-40', country: 'TH', name: 'Khon Kaen', variants: ['Khonkaen', 'Khon Khaen'] },
  { code: 'TH-57', country: 'TH', name: 'Chiang Rai', variants: ['Chiangrai', 'Chieng Rai'] },
  { code: 'TH-63', country: 'TH', name: 'Tak', variants: ['Tak Province', 'Mae Sot'] },
  { code: 'TH-74', country: 'TH', name: 'Samut Sakhon', variants: ['Mahachai', 'Samut Sakorn'] },
  { code: 'TH-85', country: 'TH', name: 'Ranong', variants: ['Ranong Province', 'Ra Nong'] },
  { code: 'TH-90', country: 'TH', name: 'Songkhla', variants: ['Songkla', 'Hat Yai'] },
  { code: 'VN-02', country: 'VN', name: 'Lao Cai', variants: ['Lào Cai', 'Laocai'] },
  { code: 'VN-09', country: 'VN', name: 'Lang Son', variants: ['Lạng Sơn', 'Langson'] },
  { code: 'VN-13', country: 'VN', name: 'Quang Ninh', variants: ['Quảng Ninh', 'Quangninh'] },
  { code: 'VN-21', country: 'VN', name: 'Thanh Hoa', variants: ['Thanh Hóa', 'Thanhhoa'] },
  { code: 'VN-22', country: 'VN', name: 'Nghe An', variants: ['Nghệ An', 'Nghean'] },
  { code: 'VN-23', country: 'VN', name: 'Ha Tinh', variants: ['Hà Tĩnh', 'Hatinh'] },
  { code: 'VN-44', country: 'VN', name: 'An Giang', variants: ['An Giang', 'Angiang'] },
  { code: 'VN-SG', country: 'VN', name: 'Ho Chi Minh City', variants: ['Saigon', 'HCMC'] },
  { code: 'CN-YN', country: 'CN', name: 'Yunnan', variants: ['云南', 'Yunnan Province'] },
  { code: 'CN-GX', country: 'CN', name: 'Guangxi', variants: ['广西', 'Kwangsi'] },
];

export const PROVINCES: readonly Province[] = CLERK_SPELLINGS.map((province) => {
  const gazetteer = provinceByCode(province.code);
  if (!gazetteer) return province;
  return {
    ...province,
    name: gazetteer.name,
    variants: [...new Set([...province.variants, ...gazetteer.variants])],
  };
});

export const PROVINCE_BY_CODE: ReadonlyMap<string, Province> = new Map(PROVINCES.map((p) => [p.code, p]));

export interface Crossing {
  id: string;
  name: string;
  countryA: Country;
  countryB: Country;
  /** Ordinary weekly crossings (both directions) at the start of the period, for the border series. */
  weeklyVolume: number;
}

/** Border crossings with the ids of the shared crossings table and a rough scale of ordinary traffic. */
const CROSSING_TRAFFIC: readonly Crossing[] = [
  { id: 'KH-TH-01', name: 'Poipet–Aranyaprathet', countryA: 'KH', countryB: 'TH', weeklyVolume: 42000 },
  { id: 'KH-TH-02', name: 'Cham Yeam–Hat Lek', countryA: 'KH', countryB: 'TH', weeklyVolume: 6000 },
  { id: 'KH-TH-03', name: "O'Smach–Chong Chom", countryA: 'KH', countryB: 'TH', weeklyVolume: 5000 },
  { id: 'KH-VN-01', name: 'Bavet–Moc Bai', countryA: 'KH', countryB: 'VN', weeklyVolume: 30000 },
  { id: 'TH-MM-01', name: 'Mae Sot–Myawaddy', countryA: 'TH', countryB: 'MM', weeklyVolume: 35000 },
  { id: 'TH-MM-02', name: 'Mae Sai–Tachileik', countryA: 'TH', countryB: 'MM', weeklyVolume: 20000 },
  { id: 'TH-MM-03', name: 'Ranong–Kawthaung', countryA: 'TH', countryB: 'MM', weeklyVolume: 9000 },
  { id: 'TH-LA-01', name: 'Mukdahan–Savannakhet', countryA: 'TH', countryB: 'LA', weeklyVolume: 15000 },
  { id: 'TH-LA-02', name: 'Nong Khai–Vientiane', countryA: 'TH', countryB: 'LA', weeklyVolume: 40000 },
  { id: 'TH-LA-05', name: 'Chong Mek–Vang Tao', countryA: 'TH', countryB: 'LA', weeklyVolume: 8000 },
  { id: 'VN-CN-01', name: 'Lao Cai–Hekou', countryA: 'VN', countryB: 'CN', weeklyVolume: 25000 },
  { id: 'VN-CN-02', name: 'Mong Cai–Dongxing', countryA: 'VN', countryB: 'CN', weeklyVolume: 22000 },
  { id: 'CN-MM-01', name: 'Ruili–Muse', countryA: 'CN', countryB: 'MM', weeklyVolume: 28000 },
  { id: 'LA-CN-01', name: 'Boten–Mohan', countryA: 'LA', countryB: 'CN', weeklyVolume: 9000 },
  { id: 'VN-KH-01', name: 'Tinh Bien–Phnom Den', countryA: 'VN', countryB: 'KH', weeklyVolume: 4000 },
];

export const CROSSINGS: readonly Crossing[] = CROSSING_TRAFFIC.map((crossing) => ({
  ...crossing,
  name: BORDER_CROSSINGS.find((known) => known.id === crossing.id)?.name ?? crossing.name,
}));

export const CROSSING_INDEX: ReadonlyMap<string, number> = new Map(CROSSINGS.map((c, i) => [c.id, i]));

export const COUNTRY_NAMES: Record<Country, string> = {
  KH: 'Cambodia',
  LA: 'Laos',
  MM: 'Myanmar',
  TH: 'Thailand',
  VN: 'Vietnam',
  CN: 'China',
};
