import type { Random } from '../analytics/common/random.ts';
import type { Country } from './places.ts';

/**
 * Personal names of the Greater Mekong Sub-region in native script with the romanisations agencies
 * actually write (the first romanisation is the canonical one kept in the truth), and the ways a
 * name goes wrong on its way into a file: romanisation variants, family-first versus given-first
 * order, dropped Vietnamese diacritics, Burmese honorifics, nicknames and typing errors.
 *
 * Conventions: Khmer, Vietnamese and Chinese names are written family name first; Thai and Lao
 * given name first; Burmese names have no family name (two or three syllables written together in
 * Burmese script) and take an honorific by age and sex (U, Daw, Ko, Ma, Maung).
 */
export interface NamePart {
  native: string;
  roman: readonly string[];
}

export interface NamePools {
  family: readonly NamePart[];
  male: readonly NamePart[];
  female: readonly NamePart[];
  nicknames: readonly NamePart[];
}

const DIACRITIC_MARKS = /[\u0300-\u036f]/g;

/** Vietnamese diacritic folding as a careless clerk does it: marks dropped, Đ written D. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(DIACRITIC_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

const p = (native: string, ...roman: string[]): NamePart => ({ native, roman });

const KHMER: NamePools = {
  family: [
    p('សុខ', 'Sok', 'Sokh', 'Sock'),
    p('ចាន់', 'Chan', 'Chann', 'Chanh'),
    p('គីម', 'Kim', 'Kimm'),
    p('ហេង', 'Heng', 'Hang'),
    p('លី', 'Ly', 'Lee', 'Lie'),
    p('មាស', 'Meas', 'Mias', 'Meah'),
    p('ញ៉ែម', 'Nhem', 'Nheim', 'Nyem'),
    p('ពេជ្រ', 'Pich', 'Pech', 'Petch'),
    p('កែវ', 'Keo', 'Kaew', 'Keu'),
    p('ជា', 'Chea', 'Chia'),
    p('ប្រាក់', 'Prak', 'Prach'),
    p('អ៊ុក', 'Ouk', 'Ok', 'Ouch'),
    p('សេង', 'Seng', 'Saeng'),
    p('ទូច', 'Touch', 'Toch', 'Tuch'),
    p('យឹម', 'Yim', 'Yem'),
    p('ម៉ៅ', 'Mao', 'Mau'),
    p('លឹម', 'Lim', 'Lem'),
    p('ផាន', 'Phan', 'Phann'),
    p('សំ', 'Sam', 'Som'),
    p('ឈឹម', 'Chhim', 'Chim', 'Chhem'),
  ],
  female: [
    p('សុភា', 'Sophea', 'Sophia', 'Sopha'),
    p('ស្រីមុំ', 'Sreymom', 'Srey Mom', 'Srei Mom'),
    p('ចន្ទនារី', 'Channary', 'Chanary', 'Chan Nary'),
    p('ស្រីពៅ', 'Sreypov', 'Srey Pov', 'Sreypeou'),
    p('បុប្ផា', 'Bopha', 'Bupha', 'Bopa'),
    p('គន្ធា', 'Kunthea', 'Konthea', 'Kuntha'),
    p('សុខា', 'Sokha', 'Sokhah', 'Sok Ha'),
    p('ធីតា', 'Thida', 'Theda', 'Tida'),
    p('លក្ខិណា', 'Leakhena', 'Leakena', 'Lakhena'),
    p('ផល្លា', 'Phalla', 'Phala', 'Pheala'),
    p('វណ្ណា', 'Vanna', 'Vana', 'Wanna'),
    p('ដារា', 'Dara', 'Darah'),
    p('រស្មី', 'Reaksmey', 'Raksmey', 'Reaksmei'),
    p('សុវណ្ណី', 'Sovanny', 'Sovanni', 'Sovany'),
  ],
  male: [
    p('វុទ្ធី', 'Vuthy', 'Vuthi', 'Voeuthy'),
    p('រិទ្ធី', 'Rithy', 'Rithi', 'Ritthy'),
    p('សុផល', 'Sophal', 'Sophorl', 'Sopal'),
    p('សំណាង', 'Samnang', 'Sam Nang', 'Somnang'),
    p('វិសាល', 'Visal', 'Wisal', 'Visale'),
    p('ប៊ុនធឿន', 'Bunthoeun', 'Bun Thoeun', 'Buntheun'),
    p('ពិសិដ្ឋ', 'Piseth', 'Pisith', 'Pisit'),
    p('សម្បត្តិ', 'Sambath', 'Sambat', 'Sombath'),
    p('ចាន់ធូ', 'Chanthou', 'Chan Thou', 'Chanthu'),
    p('កុសល', 'Kosal', 'Kosol', 'Kosall'),
    p('រតនា', 'Rathana', 'Ratana', 'Rattana'),
    p('វាសនា', 'Veasna', 'Vasna', 'Veasana'),
    p('ដារា', 'Dara', 'Darah'),
    p('សុខុម', 'Sokhom', 'Sokhum', 'Sokom'),
  ],
  nicknames: [
    p('ពៅ', 'Pov', 'Pou'),
    p('មុំ', 'Mom'),
    p('តូច', 'Touch', 'Toch'),
    p('ធំ', 'Thom', 'Tom'),
    p('អា', 'Ah', 'A'),
  ],
};

const THAI: NamePools = {
  family: [
    p('สมบูรณ์', 'Somboon', 'Sombun', 'Somboonn'),
    p('ศรีสุข', 'Srisuk', 'Sisuk', 'Srisook'),
    p('แก้วมณี', 'Kaewmanee', 'Kaewmani', 'Kaeomani'),
    p('ทองดี', 'Thongdee', 'Tongdee', 'Thongdi'),
    p('บุญมา', 'Boonma', 'Bunma', 'Boonmaa'),
    p('จันทร์เพ็ญ', 'Chanpen', 'Janpen', 'Chanphen'),
    p('สุขสวัสดิ์', 'Suksawat', 'Sooksawat', 'Suksawad'),
    p('วงศ์ใหญ่', 'Wongyai', 'Vongyai', 'Wong-yai'),
    p('พรหมมา', 'Promma', 'Phromma', 'Prommah'),
    p('อินทร์แก้ว', 'Inkaew', 'Inkeaw', 'Inkaeo'),
    p('ใจดี', 'Jaidee', 'Chaidi', 'Jaidi'),
    p('รัตนพันธ์', 'Rattanaphan', 'Ratanapan', 'Rattanapun'),
  ],
  male: [
    p('สมชาย', 'Somchai', 'Somchay', 'Somshai'),
    p('ประเสริฐ', 'Prasert', 'Prasoet', 'Prasirt'),
    p('สมศักดิ์', 'Somsak', 'Somsuk', 'Somsakdi'),
    p('วิชัย', 'Wichai', 'Vichai', 'Wichay'),
    p('ณัฐพล', 'Nattapon', 'Natthaphon', 'Nattaphol'),
    p('อนุชา', 'Anucha', 'Anuchah', 'Anuchar'),
    p('ธนากร', 'Thanakorn', 'Tanakorn', 'Thanakon'),
    p('สุรชัย', 'Surachai', 'Surachay', 'Soorachai'),
  ],
  female: [
    p('สมหญิง', 'Somying', 'Som Ying', 'Somyingh'),
    p('มาลี', 'Malee', 'Mali', 'Malie'),
    p('สุดารัตน์', 'Sudarat', 'Sudarath', 'Suda-rat'),
    p('นภา', 'Napa', 'Naphaa', 'Napha'),
    p('กัญญา', 'Kanya', 'Ganya', 'Kanyaa'),
    p('วิไล', 'Wilai', 'Vilai', 'Wilay'),
    p('ปราณี', 'Pranee', 'Prani', 'Pranii'),
    p('อรุณี', 'Arunee', 'Aruni', 'Arunii'),
  ],
  nicknames: [
    p('เล็ก', 'Lek'),
    p('น้อย', 'Noi', 'Noy'),
    p('นก', 'Nok'),
    p('แดง', 'Daeng', 'Dang'),
    p('ต้น', 'Ton'),
    p('จอย', 'Joy'),
  ],
};

const LAO: NamePools = {
  family: [
    p('ພົມມະຈັນ', 'Phommachanh', 'Phommachan', 'Phomachan'),
    p('ສີສຸວັນ', 'Sisouvanh', 'Sisouvan', 'Sisuvanh'),
    p('ແກ້ວມະນີ', 'Keomany', 'Kaewmany', 'Keomani'),
    p('ວົງສາ', 'Vongsa', 'Wongsa', 'Vongsaa'),
    p('ອິນທະວົງ', 'Inthavong', 'Inthawong', 'Intavong'),
    p('ສຸລິວົງ', 'Soulivong', 'Sulivong', 'Souliwong'),
    p('ໄຊຍະວົງ', 'Xayavong', 'Sayavong', 'Xaiyavong'),
    p('ບຸນມີ', 'Bounmy', 'Bounmi', 'Bunmy'),
    p('ພິມມະສອນ', 'Phimmasone', 'Phimmason', 'Pimmasone'),
    p('ດວງປັນຍາ', 'Douangpanya', 'Duangpanya', 'Douangpagna'),
  ],
  male: [
    p('ສົມພອນ', 'Somphone', 'Somphon', 'Sompone'),
    p('ບຸນທັນ', 'Bounthanh', 'Bounthan', 'Buntan'),
    p('ຄຳພອນ', 'Khamphone', 'Kamphone', 'Khamphon'),
    p('ສີສະຫວາດ', 'Sisavath', 'Sisavat', 'Sisawat'),
    p('ທອງສຸກ', 'Thongsouk', 'Thongsuk', 'Tongsouk'),
    p('ວິໄຊ', 'Vixay', 'Visay', 'Wixay'),
  ],
  female: [
    p('ແສງຈັນ', 'Sengchanh', 'Saengchan', 'Sengchan'),
    p('ນາລີ', 'Naly', 'Nali', 'Nalee'),
    p('ມະນີວອນ', 'Manivone', 'Manivon', 'Maniwone'),
    p('ວິໄລພອນ', 'Vilayphone', 'Vilaiphon', 'Wilayphone'),
    p('ຄຳແພງ', 'Khamphaeng', 'Khampheng', 'Kampaeng'),
    p('ດາວວອນ', 'Daovone', 'Daovon', 'Daowone'),
  ],
  nicknames: [p('ນ້ອຍ', 'Noy', 'Noi'), p('ແດງ', 'Daeng', 'Deng'), p('ຕຸ່ຍ', 'Tui', 'Touy')],
};

/** Burmese syllables; names are two or three of them, written together in Burmese script. */
const BURMESE: NamePools = {
  family: [],
  male: [
    p('အောင်', 'Aung', 'Aong'),
    p('ကျော်', 'Kyaw', 'Kyao', 'Chaw'),
    p('မင်း', 'Min', 'Minn'),
    p('ထွန်း', 'Htun', 'Tun', 'Htoon'),
    p('ဇော်', 'Zaw', 'Zaw'),
    p('မျိုး', 'Myo', 'Myoe'),
    p('နိုင်', 'Naing', 'Nai'),
    p('ဝင်း', 'Win', 'Winn'),
    p('သက်', 'Thet', 'Thett'),
    p('စိုး', 'Soe', 'So'),
    p('လှိုင်', 'Hlaing', 'Hlaine'),
    p('မိုး', 'Moe', 'Mo'),
  ],
  female: [
    p('အေး', 'Aye', 'Aie'),
    p('မြ', 'Mya', 'Myah'),
    p('သင်း', 'Thin', 'Thinn'),
    p('စု', 'Su', 'Soo'),
    p('နှင်း', 'Hnin', 'Nhin'),
    p('ဖြူ', 'Phyu', 'Phyoo'),
    p('ခင်', 'Khin', 'Khinn'),
    p('ဝေ', 'Wai', 'Way'),
    p('နွယ်', 'Nwe', 'Nway'),
    p('စန်း', 'San', 'Sann'),
    p('မာ', 'Mar', 'Ma'),
    p('မိုး', 'Moe', 'Mo'),
  ],
  nicknames: [p('ကလေး', 'Kalay', 'Kale'), p('ညို', 'Nyo', 'Nyoe'), p('ဖိုးလုံး', 'Phoe Lone', 'Pho Lon')],
};

export const BURMESE_HONORIFICS = {
  adultMale: p('ဦး', 'U'),
  adultFemale: p('ဒေါ်', 'Daw'),
  youngMale: p('ကို', 'Ko'),
  youngFemale: p('မ', 'Ma'),
  boy: p('မောင်', 'Maung', 'Mg'),
} as const;

/** Vietnamese names are Latin script with diacritics; the romanisations drop them. */
const vi = (native: string, ...extra: string[]): NamePart =>
  p(native, stripDiacritics(native), native, ...extra);

const VIETNAMESE: NamePools = {
  family: [
    vi('Nguyễn', 'Ngyuen', 'Nguyen'),
    vi('Trần', 'Tran'),
    vi('Lê', 'Le'),
    vi('Phạm', 'Pham'),
    vi('Hoàng', 'Hoang', 'Huynh'),
    vi('Phan'),
    vi('Vũ', 'Vu', 'Vo'),
    vi('Đặng', 'Dang'),
    vi('Bùi', 'Bui'),
    vi('Đỗ', 'Do'),
    vi('Hồ', 'Ho'),
    vi('Ngô', 'Ngo'),
  ],
  male: [
    vi('Văn An'),
    vi('Văn Bình'),
    vi('Đức Cường'),
    vi('Văn Dũng'),
    vi('Minh Hùng'),
    vi('Văn Hải'),
    vi('Thành Long'),
    vi('Hoài Nam'),
    vi('Anh Tuấn'),
    vi('Văn Sơn'),
    vi('Quốc Huy'),
  ],
  female: [
    vi('Thị Hoa'),
    vi('Thị Lan'),
    vi('Thùy Linh'),
    vi('Thị Mai'),
    vi('Thị Nga'),
    vi('Thu Hương'),
    vi('Phương Thảo'),
    vi('Thị Trang'),
    vi('Thị Hằng'),
    vi('Ngọc Ánh'),
    vi('Thị Phương'),
  ],
  nicknames: [vi('Bé'), vi('Tí'), vi('Út')],
};

const CHINESE: NamePools = {
  family: [
    p('王', 'Wang', 'Wong'),
    p('李', 'Li', 'Lee', 'Lei'),
    p('张', 'Zhang', 'Chang', 'Cheung'),
    p('刘', 'Liu', 'Lau', 'Lew'),
    p('陈', 'Chen', 'Chan', 'Tan'),
    p('杨', 'Yang', 'Yeung', 'Young'),
    p('黄', 'Huang', 'Wong', 'Ng'),
    p('赵', 'Zhao', 'Chao', 'Chiu'),
    p('吴', 'Wu', 'Ng', 'Woo'),
    p('周', 'Zhou', 'Chou', 'Chow'),
  ],
  male: [
    p('伟', 'Wei', 'Wai'),
    p('强', 'Qiang', 'Chiang', 'Keung'),
    p('磊', 'Lei', 'Loi'),
    p('军', 'Jun', 'Chun', 'Kwan'),
    p('勇', 'Yong', 'Yung'),
    p('杰', 'Jie', 'Chieh', 'Kit'),
    p('涛', 'Tao', 'Tou'),
    p('志明', 'Zhiming', 'Chih-ming', 'Zhi Ming'),
  ],
  female: [
    p('芳', 'Fang', 'Fong'),
    p('娜', 'Na', 'Nar'),
    p('敏', 'Min', 'Man'),
    p('静', 'Jing', 'Ching'),
    p('艳', 'Yan', 'Yim'),
    p('娟', 'Juan', 'Chuan', 'Kuen'),
    p('秀英', 'Xiuying', 'Hsiu-ying', 'Xiu Ying'),
    p('丽', 'Li', 'Lai'),
  ],
  nicknames: [
    p('阿明', 'Ah Ming', 'A Ming'),
    p('小红', 'Xiaohong', 'Siu Hung'),
    p('阿强', 'Ah Qiang', 'A Keung'),
  ],
};

export const NAME_POOLS: Record<Country, NamePools> = {
  KH: KHMER,
  TH: THAI,
  LA: LAO,
  MM: BURMESE,
  VN: VIETNAMESE,
  CN: CHINESE,
};

/** Whether the culture writes the family name first. */
export const FAMILY_FIRST: Record<Country, boolean> = {
  KH: true,
  VN: true,
  CN: true,
  TH: false,
  LA: false,
  MM: false,
};

/** A true name: a family name (none for Burmese), given parts and a nickname. */
export interface TrueName {
  family: NamePart | null;
  given: readonly NamePart[];
  nickname: NamePart;
}

export function drawName(country: Country, sex: 'female' | 'male', random: Random): TrueName {
  const pools = NAME_POOLS[country];
  const givenPool = sex === 'female' ? pools.female : pools.male;
  if (country === 'MM') {
    const syllables = 2 + (random.next() < 0.4 ? 1 : 0);
    const given: NamePart[] = [];
    for (let i = 0; i < syllables; i++) given.push(random.pick(givenPool));
    return { family: null, given, nickname: random.pick(pools.nicknames) };
  }
  return {
    family: random.pick(pools.family),
    given: [random.pick(givenPool)],
    nickname: random.pick(pools.nicknames),
  };
}

/** Canonical romanised given name, family name and native-script full name of a true name. */
export function canonicalName(
  country: Country,
  name: TrueName,
): { given: string; family: string; native: string } {
  const given = name.given.map((part) => part.roman[0]).join(' ');
  const family = name.family ? name.family.roman[0] : '';
  return { given, family, native: nativeFullName(country, name) };
}

export function nativeFullName(country: Country, name: TrueName): string {
  if (country === 'MM') return name.given.map((part) => part.native).join('');
  if (country === 'CN') return (name.family?.native ?? '') + name.given.map((part) => part.native).join('');
  const given = name.given.map((part) => part.native).join(' ');
  if (!name.family) return given;
  return FAMILY_FIRST[country] ? `${name.family.native} ${given}` : `${given} ${name.family.native}`;
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One typing error in a romanised word: a neighbouring key, a dropped, doubled or transposed letter. */
export function addTypo(word: string, random: Random): string {
  if (word.length < 3) return word + word[word.length - 1];
  const position = 1 + random.integer(word.length - 1);
  const kind = random.integer(4);
  const letter = word[position];
  if (kind === 0) {
    const neighbours = KEYBOARD_NEIGHBOURS[letter.toLowerCase()];
    if (neighbours) return word.slice(0, position) + random.pick([...neighbours]) + word.slice(position + 1);
  }
  if (kind === 1) return word.slice(0, position) + word.slice(position + 1);
  if (kind === 2) return word.slice(0, position) + letter + word.slice(position);
  if (position < word.length - 1)
    return word.slice(0, position) + word[position + 1] + letter + word.slice(position + 2);
  return word.slice(0, position) + word.slice(position + 1);
}
