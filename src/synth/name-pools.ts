import type { Country } from './places.ts';

/**
 * The building blocks of the region's personal names, in native script with the romanisations
 * agencies actually write (the first is the canonical one), and how they combine.
 *
 * Names are built from parts rather than listed whole, so that a world of millions holds as many
 * distinct names as the region does: Thai family names are nearly unique to a family (the Surname
 * Act of 1913 forbade two families taking the same one), so they are compounds of two or three
 * Pali–Sanskrit morphemes (รัตน + พันธ์ = Rattanaphan); Lao family names are built the same way;
 * Khmer and Thai given names are two syllables (ស្រី + មុំ = Sreymom, written "Srey Mom" as well);
 * Burmese names are two or three syllables and carry no family name; Vietnamese names are a family
 * name (Nguyễn alone about 38 % of the population) then a middle and a given name; Chinese given
 * names are one or two characters. Family names are Zipf-distributed (a few common, a long tail),
 * given-name parts uniform, Vietnamese and Chinese family names by their published shares.
 * Sources: Thailand, Surname Act B.E. 2456 (1913); Lê Trung Hoa (2005), Họ và tên người Việt Nam;
 * Ministry of Public Security of China, 2020 surname ranking; names are illustrative, not a census.
 */
export interface NamePart {
  native: string;
  roman: readonly string[];
}

/** Parts of one slot with their relative weights. */
export interface NameSlot {
  parts: readonly NamePart[];
  weights: readonly number[];
}

/**
 * How a name is made of slots:
 * - `word`: written as one word ("Rattanaphan");
 * - `either`: one word canonically, also written spaced ("Sreymom", "Srey Mom");
 * - `spaced`: written spaced (Vietnamese "Văn An"; romanisations of each part: folded, with
 *   diacritics, misspellings).
 */
export interface NameShape {
  weight: number;
  slots: readonly NameSlot[];
  join: 'word' | 'either' | 'spaced';
  nativeSeparator: string;
}

export interface NamePool {
  shapes: readonly NameShape[];
  /** The shapes' weights, in order. */
  weights: readonly number[];
}

const pool = (...shapes: NameShape[]): NamePool => ({ shapes, weights: shapes.map((shape) => shape.weight) });

export interface NamePools {
  family: NamePool;
  male: NamePool;
  female: NamePool;
  nicknames: readonly NamePart[];
}

/** A part from native script and its romanisations, canonical first. */
const p = (native: string, ...roman: string[]): NamePart => ({ native, roman });

/** Vietnamese parts are Latin script with diacritics: romanisations are folded, as written, then misspellings. */
const vi = (native: string, ...misspellings: string[]): NamePart =>
  p(
    native,
    native
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D'),
    native,
    ...misspellings,
  );

const uniform = (parts: readonly NamePart[]): NameSlot => ({ parts, weights: parts.map(() => 1) });

/** Zipf weights 1/rank^exponent: the first parts are the common ones. */
const zipf = (parts: readonly NamePart[], exponent: number): NameSlot => ({
  parts,
  weights: parts.map((_, rank) => 1 / (rank + 1) ** exponent),
});

const shares = (entries: readonly (readonly [NamePart, number])[]): NameSlot => ({
  parts: entries.map(([part]) => part),
  weights: entries.map(([, weight]) => weight),
});

const single = (slot: NameSlot): NamePool =>
  pool({ weight: 1, slots: [slot], join: 'word', nativeSeparator: '' });

const KHMER_FAMILY = zipf(
  [
    p('សុខ', 'Sok', 'Sokh', 'Sock'),
    p('ចាន់', 'Chan', 'Chann', 'Chanh'),
    p('គីម', 'Kim', 'Kimm'),
    p('ហេង', 'Heng', 'Hang'),
    p('លី', 'Ly', 'Lee', 'Lie'),
    p('មាស', 'Meas', 'Mias', 'Meah'),
    p('កែវ', 'Keo', 'Kaew', 'Keu'),
    p('ជា', 'Chea', 'Chia'),
    p('ញ៉ែម', 'Nhem', 'Nheim', 'Nyem'),
    p('ពេជ្រ', 'Pich', 'Pech', 'Petch'),
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
    p('ឡុង', 'Long', 'Loung'),
    p('នួន', 'Nuon', 'Nuan'),
    p('ឈុន', 'Chhun', 'Chun'),
    p('ហ៊ុន', 'Hun', 'Hunn'),
    p('ម៉ម', 'Mam', 'Mom'),
    p('ង៉ែត', 'Nget', 'Ngeth'),
    p('ប៉ែន', 'Pen', 'Penh'),
    p('រស់', 'Ros', 'Roth', 'Ruos'),
    p('ស៊ុន', 'Sun', 'Soun'),
    p('ទេព', 'Tep', 'Tip'),
    p('អ៊ុំ', 'Um', 'Oum'),
    p('វ៉ាន់', 'Van', 'Vann'),
    p('យិន', 'Yin', 'Yen'),
    p('ឆាយ', 'Chhay', 'Chay'),
    p('ហុក', 'Hok', 'Hoc'),
    p('ខុន', 'Khun', 'Kun'),
    p('គង់', 'Kong', 'Kung'),
    p('ឡាយ', 'Lay', 'Lai'),
    p('មាន', 'Mean', 'Mian'),
    p('ណុប', 'Nop', 'Nob'),
    p('ស៊ឹម', 'Sim', 'Sem'),
    p('ថាច់', 'Thach', 'Tach'),
    p('ខៀវ', 'Khiev', 'Kheav', 'Khieu'),
    p('ទិត្យ', 'Tith', 'Tit'),
    p('អ៊ឹង', 'Eng', 'Ung'),
  ],
  0.8,
);

const KHMER_FEMALE_FIRST = uniform([
  p('ស្រី', 'Srey', 'Srei', 'Sray'),
  p('សុ', 'So', 'Sou'),
  p('ចន្ទ', 'Chan', 'Chann', 'Chant'),
  p('បុ', 'Bo', 'Bou'),
  p('ធី', 'Thi', 'Ti', 'Thy'),
  p('វណ្ណ', 'Vann', 'Van', 'Wann'),
  p('ដា', 'Da', 'Dar'),
  p('រ៉ា', 'Ra', 'Rha'),
  p('លី', 'Li', 'Ly', 'Lee'),
  p('ម៉ា', 'Ma', 'Mah'),
  p('នី', 'Ni', 'Ny'),
  p('ពិ', 'Pi', 'Pe'),
  p('កញ្ញ', 'Kanh', 'Kagn'),
  p('ស៊ី', 'Si', 'Sy'),
  p('រតន', 'Rath', 'Rat', 'Roth'),
  p('ច័ន្ទ', 'Chorn', 'Chon'),
  p('សោ', 'Sao', 'Sau'),
  p('ពុ', 'Pu', 'Pou'),
  p('ម៉ុ', 'Mo', 'Mou'),
  p('លក្ខ', 'Leak', 'Leakh', 'Lak'),
]);
const KHMER_FEMALE_SECOND = uniform([
  p('មុំ', 'mom', 'mum'),
  p('ពៅ', 'pov', 'peou', 'pou'),
  p('នី', 'ny', 'ni', 'nee'),
  p('ភា', 'phea', 'pha', 'pea'),
  p('រី', 'ry', 'ri'),
  p('ណា', 'na', 'nah'),
  p('ខេនា', 'khena', 'kena'),
  p('លីន', 'lin', 'linn'),
  p('នាង', 'neang', 'niang'),
  p('និច', 'nich', 'nit'),
  p('ធារី', 'theary', 'thary', 'teary'),
  p('ម៉ី', 'mey', 'mei', 'may'),
  p('ទី', 'ty', 'ti'),
  p('ឡា', 'la', 'lar'),
  p('ផល្លា', 'phalla', 'phala'),
  p('វី', 'vy', 'vi', 'wy'),
  p('ស្រស់', 'sros', 'srors'),
  p('ពិសី', 'pisey', 'pisei'),
  p('កា', 'ka', 'kar'),
  p('ណារី', 'nary', 'nari'),
]);
const KHMER_MALE_FIRST = uniform([
  p('សុ', 'So', 'Sou'),
  p('វុ', 'Vu', 'Vou', 'Wu'),
  p('រិ', 'Ri', 'Ry'),
  p('ចាន់', 'Chan', 'Chann'),
  p('ប៊ុន', 'Bun', 'Boun', 'Bunn'),
  p('សំ', 'Sam', 'Som'),
  p('វិ', 'Vi', 'Wi'),
  p('ពិ', 'Pi', 'Pe'),
  p('កុ', 'Ko', 'Kou'),
  p('រ', 'Ra', 'Rea'),
  p('វា', 'Vea', 'Va', 'Wea'),
  p('ដា', 'Da', 'Dar'),
  p('ហេង', 'Heng', 'Hang'),
  p('ស៊ា', 'Sea', 'Sia'),
  p('ម៉េង', 'Meng', 'Mang'),
  p('ពុ', 'Pu', 'Pou'),
  p('ស៊ិន', 'Sin', 'Sen'),
  p('ថា', 'Tha', 'Ta'),
  p('ច័ន្ទ', 'Chorn', 'Chon'),
  p('ពៅ', 'Pov', 'Peou'),
]);
const KHMER_MALE_SECOND = uniform([
  p('ផល', 'phal', 'phorl', 'pal'),
  p('ធី', 'thy', 'thi', 'ty'),
  p('ណាង', 'nang', 'neang'),
  p('សាល', 'sal', 'sale'),
  p('ធឿន', 'thoeun', 'theun', 'thoeurn'),
  p('សិដ្ឋ', 'seth', 'sith', 'set'),
  p('បត្តិ', 'bath', 'bat', 'both'),
  p('ធូ', 'thou', 'thu', 'tou'),
  p('តនា', 'tana', 'thana', 'ttana'),
  p('សនា', 'sna', 'sana'),
  p('ខុម', 'khom', 'kom', 'khum'),
  p('រិទ្ធ', 'rith', 'rit', 'reth'),
  p('រ៉ុង', 'rong', 'roung'),
  p('ឧត្តម', 'odom', 'oudom', 'udom'),
  p('វណ្ណ', 'vann', 'van'),
  p('ណារ៉ា', 'nara', 'narra'),
  p('ហុង', 'hong', 'houng'),
  p('រ៉ា', 'ra', 'rha'),
  p('ភក្ដី', 'pheakdey', 'peakdey', 'pheakdei'),
  p('សាន្ត', 'san', 'sann'),
]);

const two = (first: NameSlot, second: NameSlot, join: NameShape['join'], weight = 1): NameShape => ({
  weight,
  slots: [first, second],
  join,
  nativeSeparator: '',
});

/** A family name of `count` morphemes of one slot, written as one word. */
const compound = (morphemes: NameSlot, count: number, weight: number): NameShape => ({
  weight,
  slots: Array.from({ length: count }, () => morphemes),
  join: 'word',
  nativeSeparator: '',
});

const KHMER: NamePools = {
  family: single(KHMER_FAMILY),
  female: pool(two(KHMER_FEMALE_FIRST, KHMER_FEMALE_SECOND, 'either')),
  male: pool(two(KHMER_MALE_FIRST, KHMER_MALE_SECOND, 'either')),
  nicknames: [
    p('ពៅ', 'Pov', 'Pou'),
    p('មុំ', 'Mom'),
    p('តូច', 'Touch', 'Toch'),
    p('ធំ', 'Thom', 'Tom'),
    p('អា', 'Ah', 'A'),
  ],
};

const THAI_FAMILY_MORPHEMES: NameSlot = zipf(
  [
    p('ศรี', 'Sri', 'Si', 'Sree'),
    p('สุข', 'Suk', 'Sook', 'Sukh'),
    p('แก้ว', 'Kaew', 'Keaw', 'Kaeo'),
    p('ทอง', 'Thong', 'Tong'),
    p('บุญ', 'Boon', 'Bun', 'Bunn'),
    p('จันทร์', 'Chan', 'Jan', 'Chand'),
    p('วงศ์', 'Wong', 'Vong', 'Wongse'),
    p('รัตน', 'Rattana', 'Ratana', 'Rattna'),
    p('พันธ์', 'Phan', 'Pan', 'Phun'),
    p('ชัย', 'Chai', 'Chay', 'Shai'),
    p('ศักดิ์', 'Sak', 'Sakdi', 'Suk'),
    p('เจริญ', 'Charoen', 'Jaroen', 'Charern'),
    p('มณี', 'Manee', 'Mani', 'Manii'),
    p('ดี', 'Dee', 'Di'),
    p('สวัสดิ์', 'Sawat', 'Sawad', 'Swat'),
    p('พรหม', 'Phrom', 'Prom'),
    p('อินทร์', 'In', 'Inn'),
    p('ศิริ', 'Siri', 'Sirri'),
    p('พงษ์', 'Phong', 'Pong', 'Pongs'),
    p('กุล', 'Kul', 'Kun', 'Gul'),
    p('วัฒน์', 'Wat', 'Wath', 'Vat'),
    p('ธรรม', 'Tham', 'Thum', 'Dham'),
    p('เพ็ญ', 'Phen', 'Pen'),
    p('นาค', 'Nak', 'Nark'),
    p('สิงห์', 'Sing', 'Singh'),
    p('ทิพย์', 'Thip', 'Tip', 'Thipp'),
    p('วิเศษ', 'Wiset', 'Vised', 'Wisate'),
    p('คำ', 'Kham', 'Kam', 'Khum'),
    p('เมือง', 'Mueang', 'Muang', 'Meung'),
    p('ไพร', 'Phrai', 'Prai'),
    p('สาย', 'Sai', 'Say'),
    p('ยิ่ง', 'Ying', 'Yingh'),
    p('บุตร', 'But', 'Boot', 'Bud'),
    p('นิล', 'Nil', 'Nin'),
    p('ประเสริฐ', 'Prasert', 'Prasoet'),
    p('สมบูรณ์', 'Somboon', 'Sombun'),
  ],
  0.5,
);
const THAI_MALE_FIRST = uniform([
  p('สม', 'Som', 'Sohm'),
  p('วิ', 'Wi', 'Vi'),
  p('ประ', 'Pra', 'Bra'),
  p('สุร', 'Sura', 'Soora'),
  p('อนุ', 'Anu', 'Anoo'),
  p('ธนา', 'Thana', 'Tana'),
  p('ณัฐ', 'Nat', 'Nath', 'Natt'),
  p('ชาติ', 'Chat', 'Chart'),
  p('กิต', 'Kit', 'Kitt'),
  p('พง', 'Phong', 'Pong'),
  p('ศิริ', 'Siri', 'Sirri'),
  p('บุญ', 'Boon', 'Bun'),
  p('ทอง', 'Thong', 'Tong'),
  p('เอก', 'Ek', 'Aek'),
  p('ชัย', 'Chai', 'Chay'),
  p('อภิ', 'Aphi', 'Api'),
]);
const THAI_MALE_SECOND = uniform([
  p('ชาย', 'chai', 'chay', 'shai'),
  p('ศักดิ์', 'sak', 'sakdi', 'suk'),
  p('พล', 'phon', 'pon', 'phol'),
  p('เทพ', 'thep', 'tep'),
  p('กร', 'korn', 'kon', 'gorn'),
  p('วัฒน์', 'wat', 'wath', 'vat'),
  p('รัตน์', 'rat', 'rath'),
  p('สิทธิ์', 'sit', 'sith', 'sitt'),
  p('เดช', 'det', 'dech', 'deth'),
  p('ชาติ', 'chat', 'chart'),
  p('พงษ์', 'phong', 'pong'),
  p('ชัย', 'chai', 'chay'),
  p('นนท์', 'non', 'nont'),
  p('ภพ', 'phop', 'pop'),
  p('วุฒิ', 'wut', 'wuth', 'vudh'),
  p('ศร', 'son', 'sorn'),
]);
const THAI_FEMALE_FIRST = uniform([
  p('สม', 'Som', 'Sohm'),
  p('สุ', 'Su', 'Soo'),
  p('มา', 'Ma', 'Maa'),
  p('วิ', 'Wi', 'Vi'),
  p('นภ', 'Napha', 'Napa'),
  p('กัญ', 'Kan', 'Gan'),
  p('ประ', 'Pra', 'Bra'),
  p('อรุ', 'Aru', 'Aroo'),
  p('รัต', 'Rat', 'Rath'),
  p('ทิพ', 'Thip', 'Tip'),
  p('จัน', 'Chan', 'Jan'),
  p('พิม', 'Phim', 'Pim'),
  p('ดาว', 'Dao', 'Dow'),
  p('นิ', 'Ni', 'Nee'),
  p('ศิ', 'Si', 'Sri'),
  p('อัญ', 'An', 'Ann'),
]);
const THAI_FEMALE_SECOND = uniform([
  p('หญิง', 'ying', 'yingh'),
  p('ดา', 'da', 'daa'),
  p('ลี', 'lee', 'li', 'lie'),
  p('ไล', 'lai', 'lay'),
  p('ณี', 'nee', 'ni', 'nii'),
  p('ภา', 'pha', 'pa', 'phaa'),
  p('ยา', 'ya', 'yaa'),
  p('พร', 'phon', 'porn', 'pon'),
  p('รัตน์', 'rat', 'rath'),
  p('ทิพย์', 'thip', 'tip'),
  p('จันทร์', 'chan', 'jan'),
  p('วรรณ', 'wan', 'wann', 'van'),
  p('จิต', 'chit', 'jit'),
  p('นา', 'na', 'naa'),
  p('พา', 'pha', 'paa'),
  p('ญา', 'ya', 'yah'),
]);

const THAI: NamePools = {
  family: pool(
    compound(THAI_FAMILY_MORPHEMES, 2, 0.2),
    compound(THAI_FAMILY_MORPHEMES, 3, 0.5),
    compound(THAI_FAMILY_MORPHEMES, 4, 0.3),
  ),
  male: pool(two(THAI_MALE_FIRST, THAI_MALE_SECOND, 'word')),
  female: pool(two(THAI_FEMALE_FIRST, THAI_FEMALE_SECOND, 'word')),
  nicknames: [
    p('เล็ก', 'Lek'),
    p('น้อย', 'Noi', 'Noy'),
    p('นก', 'Nok'),
    p('แดง', 'Daeng', 'Dang'),
    p('ต้น', 'Ton'),
    p('จอย', 'Joy'),
  ],
};

const LAO_FAMILY_MORPHEMES = zipf(
  [
    p('ພົມ', 'Phom', 'Pom'),
    p('ມະ', 'Ma', 'Mah'),
    p('ຈັນ', 'Chanh', 'Chan', 'Janh'),
    p('ສີ', 'Si', 'Sy', 'See'),
    p('ສຸ', 'Sou', 'Su'),
    p('ວັນ', 'Vanh', 'Van', 'Wan'),
    p('ແກ້ວ', 'Keo', 'Kaew', 'Keow'),
    p('ວົງ', 'Vong', 'Wong'),
    p('ສາ', 'Sa', 'Saa'),
    p('ອິນ', 'In', 'Inh'),
    p('ທະ', 'Tha', 'Ta'),
    p('ລີ', 'Li', 'Ly'),
    p('ໄຊ', 'Xay', 'Sai', 'Xai'),
    p('ຍະ', 'Ya', 'Yah'),
    p('ບຸນ', 'Boun', 'Bun', 'Boon'),
    p('ມີ', 'My', 'Mi'),
    p('ພິມ', 'Phim', 'Pim'),
    p('ສອນ', 'Sone', 'Son', 'Sorn'),
    p('ດວງ', 'Douang', 'Duang'),
    p('ປັນຍາ', 'Panya', 'Pagna', 'Phanya'),
    p('ຄຳ', 'Kham', 'Kam'),
    p('ພອນ', 'Phone', 'Phon', 'Pone'),
    p('ແສງ', 'Seng', 'Saeng'),
    p('ທອງ', 'Thong', 'Tong'),
    p('ສຸກ', 'Souk', 'Suk'),
    p('ລາດ', 'Lath', 'Lat'),
  ],
  0.5,
);
const LAO_MALE_FIRST = uniform([
  p('ສົມ', 'Som', 'Sohm'),
  p('ບຸນ', 'Boun', 'Bun'),
  p('ຄຳ', 'Kham', 'Kam'),
  p('ສີ', 'Si', 'Sy'),
  p('ທອງ', 'Thong', 'Tong'),
  p('ວິ', 'Vi', 'Wi'),
  p('ພູ', 'Phou', 'Phu', 'Pou'),
  p('ແສງ', 'Seng', 'Saeng'),
  p('ໄຊ', 'Xay', 'Sai'),
  p('ອຸ', 'Ou', 'U'),
  p('ບົວ', 'Boua', 'Bua'),
  p('ຈັນ', 'Chan', 'Chanh'),
]);
const LAO_MALE_SECOND = uniform([
  p('ພອນ', 'phone', 'phon', 'pone'),
  p('ທັນ', 'thanh', 'than', 'tan'),
  p('ສະຫວາດ', 'savath', 'savat', 'sawat'),
  p('ສຸກ', 'souk', 'suk'),
  p('ໄຊ', 'xay', 'say', 'xai'),
  p('ມີ', 'my', 'mi'),
  p('ວັນ', 'vanh', 'van'),
  p('ສັກ', 'sak', 'sack'),
  p('ເພັດ', 'phet', 'pet'),
  p('ດີ', 'dy', 'di', 'dee'),
  p('ລາ', 'la', 'lah'),
  p('ນົງ', 'nong', 'noung'),
]);
const LAO_FEMALE_FIRST = uniform([
  p('ແສງ', 'Seng', 'Saeng'),
  p('ນາ', 'Na', 'Naa'),
  p('ມະນີ', 'Mani', 'Many'),
  p('ວິໄລ', 'Vilay', 'Vilai', 'Wilay'),
  p('ຄຳ', 'Kham', 'Kam'),
  p('ດາວ', 'Dao', 'Dau'),
  p('ບົວ', 'Boua', 'Bua'),
  p('ສີ', 'Si', 'Sy'),
  p('ພອນ', 'Phone', 'Phon'),
  p('ຈັນ', 'Chan', 'Chanh'),
  p('ນວນ', 'Nouan', 'Nuan'),
  p('ອາ', 'A', 'Ah'),
]);
const LAO_FEMALE_SECOND = uniform([
  p('ຈັນ', 'chanh', 'chan'),
  p('ລີ', 'ly', 'li', 'lee'),
  p('ວອນ', 'vone', 'von', 'wone'),
  p('ພອນ', 'phone', 'phon'),
  p('ແພງ', 'phaeng', 'pheng', 'paeng'),
  p('ຄຳ', 'kham', 'kam'),
  p('ທອງ', 'thong', 'tong'),
  p('ມາລາ', 'mala', 'malah'),
  p('ສະໄໝ', 'samai', 'samay'),
  p('ນາ', 'na', 'naa'),
  p('ດາ', 'da', 'dah'),
  p('ຕາ', 'ta', 'tah'),
]);

const LAO: NamePools = {
  family: pool(compound(LAO_FAMILY_MORPHEMES, 2, 0.5), compound(LAO_FAMILY_MORPHEMES, 3, 0.5)),
  male: pool(two(LAO_MALE_FIRST, LAO_MALE_SECOND, 'word')),
  female: pool(two(LAO_FEMALE_FIRST, LAO_FEMALE_SECOND, 'word')),
  nicknames: [p('ນ້ອຍ', 'Noy', 'Noi'), p('ແດງ', 'Daeng', 'Deng'), p('ຕຸ່ຍ', 'Tui', 'Touy')],
};

/** Burmese syllables; a name is two or three of them, written together in Burmese script. */
const BURMESE: NamePools = {
  family: single(uniform([])),
  male: single(
    uniform([
      p('အောင်', 'Aung', 'Aong'),
      p('ကျော်', 'Kyaw', 'Kyao', 'Chaw'),
      p('မင်း', 'Min', 'Minn'),
      p('ထွန်း', 'Htun', 'Tun', 'Htoon'),
      p('ဇော်', 'Zaw', 'Zaww'),
      p('မျိုး', 'Myo', 'Myoe'),
      p('နိုင်', 'Naing', 'Nai'),
      p('ဝင်း', 'Win', 'Winn'),
      p('သက်', 'Thet', 'Thett'),
      p('စိုး', 'Soe', 'So'),
      p('လှိုင်', 'Hlaing', 'Hlaine'),
      p('မိုး', 'Moe', 'Mo'),
      p('ဇင်', 'Zin', 'Zinn'),
      p('ထက်', 'Htet', 'Htett', 'Tet'),
      p('ပိုင်', 'Paing', 'Pai'),
      p('ဘို', 'Bo', 'Boe'),
      p('ရဲ', 'Ye', 'Yell'),
      p('လွင်', 'Lwin', 'Lwinn'),
      p('ညီ', 'Nyi', 'Nyee'),
      p('ဟိန်း', 'Hein', 'Hain'),
      p('သူရ', 'Thura', 'Thu Ra'),
      p('ဝဏ္ဏ', 'Wunna', 'Wanna'),
      p('ဖြိုး', 'Phyo', 'Pyo'),
      p('ခန့်', 'Khant', 'Khan'),
    ]),
  ),
  female: single(
    uniform([
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
      p('သီ', 'Thi', 'Thee'),
      p('ဇာ', 'Zar', 'Za'),
      p('ချို', 'Cho', 'Chaw'),
      p('လဲ့', 'Lae', 'Lay'),
      p('ယု', 'Yu', 'Yoo'),
      p('ဟန်', 'Han', 'Hann'),
      p('ထား', 'Htar', 'Htaa'),
      p('ပပ', 'Pa Pa', 'Papa'),
      p('ဖူး', 'Phoo', 'Phu'),
      p('နန္ဒာ', 'Nandar', 'Nanda'),
      p('ကြည်', 'Kyi', 'Kyee'),
      p('ရည်', 'Yi', 'Yee'),
    ]),
  ),
  nicknames: [p('ကလေး', 'Kalay', 'Kale'), p('ညို', 'Nyo', 'Nyoe'), p('ဖိုးလုံး', 'Phoe Lone', 'Pho Lon')],
};

const VIETNAMESE_FAMILY = shares([
  [vi('Nguyễn', 'Ngyuen'), 38.4],
  [vi('Trần', 'Tran'), 11],
  [vi('Lê'), 9.5],
  [vi('Phạm', 'Pham'), 7.1],
  [vi('Hoàng', 'Hoang', 'Huynh'), 5.1],
  [vi('Phan'), 4.5],
  [vi('Vũ', 'Vo'), 3.9],
  [vi('Đặng', 'Dang'), 2.1],
  [vi('Bùi', 'Bui'), 2],
  [vi('Đỗ', 'Do'), 1.4],
  [vi('Hồ'), 1.3],
  [vi('Ngô', 'Ngo'), 1.3],
  [vi('Dương', 'Duong', 'Zuong'), 1],
  [vi('Lý', 'Ly'), 0.5],
  [vi('Đinh', 'Dinh'), 0.5],
  [vi('Trương', 'Truong'), 0.5],
  [vi('Lưu', 'Luu'), 0.4],
  [vi('Đào', 'Dao'), 0.4],
  [vi('Cao'), 0.3],
  [vi('Mai'), 0.3],
]);
const VIETNAMESE_MALE_MIDDLE = shares([
  [vi('Văn', 'Van'), 40],
  [vi('Đức', 'Duc'), 10],
  [vi('Minh'), 10],
  [vi('Quốc', 'Quoc'), 6],
  [vi('Thành', 'Thanh'), 6],
  [vi('Hữu', 'Huu'), 6],
  [vi('Anh'), 5],
  [vi('Xuân', 'Xuan'), 5],
  [vi('Hoài', 'Hoai'), 4],
  [vi('Công', 'Cong'), 4],
  [vi('Ngọc', 'Ngoc'), 4],
]);
const VIETNAMESE_FEMALE_MIDDLE = shares([
  [vi('Thị', 'Thi'), 45],
  [vi('Thu'), 8],
  [vi('Ngọc', 'Ngoc'), 8],
  [vi('Thùy', 'Thuy'), 6],
  [vi('Phương', 'Phuong'), 6],
  [vi('Kim'), 6],
  [vi('Minh'), 5],
  [vi('Hồng', 'Hong'), 6],
  [vi('Thanh'), 5],
  [vi('Mỹ', 'My'), 5],
]);
const VIETNAMESE_MALE_GIVEN = uniform([
  vi('An'),
  vi('Bình', 'Binh'),
  vi('Cường', 'Cuong'),
  vi('Dũng', 'Dung'),
  vi('Hùng', 'Hung'),
  vi('Hải', 'Hai'),
  vi('Long'),
  vi('Nam'),
  vi('Tuấn', 'Tuan'),
  vi('Sơn', 'Son'),
  vi('Huy'),
  vi('Khánh', 'Khanh'),
  vi('Phúc', 'Phuc'),
  vi('Thắng', 'Thang'),
  vi('Trung'),
  vi('Tùng', 'Tung'),
  vi('Việt', 'Viet'),
  vi('Hiếu', 'Hieu'),
  vi('Quang'),
  vi('Đạt', 'Dat'),
  vi('Lâm', 'Lam'),
  vi('Phong'),
  vi('Tài', 'Tai'),
  vi('Thịnh', 'Thinh'),
  vi('Hòa', 'Hoa'),
  vi('Kiên', 'Kien'),
  vi('Lộc', 'Loc'),
  vi('Nghĩa', 'Nghia'),
  vi('Quý', 'Quy'),
  vi('Vinh'),
]);
const VIETNAMESE_FEMALE_GIVEN = uniform([
  vi('Hoa'),
  vi('Lan'),
  vi('Linh'),
  vi('Mai'),
  vi('Nga'),
  vi('Hương', 'Huong'),
  vi('Thảo', 'Thao'),
  vi('Trang'),
  vi('Hằng', 'Hang'),
  vi('Ánh', 'Anh'),
  vi('Phương', 'Phuong'),
  vi('Hà', 'Ha'),
  vi('Huyền', 'Huyen'),
  vi('Loan'),
  vi('Nhung'),
  vi('Oanh'),
  vi('Quyên', 'Quyen'),
  vi('Tâm', 'Tam'),
  vi('Thủy', 'Thuy'),
  vi('Uyên', 'Uyen'),
  vi('Vân', 'Van'),
  vi('Yến', 'Yen'),
  vi('Dung'),
  vi('Giang'),
  vi('Hạnh', 'Hanh'),
  vi('Liên', 'Lien'),
  vi('My'),
  vi('Ngân', 'Ngan'),
  vi('Nhi'),
  vi('Trinh'),
]);

const spacedTwo = (first: NameSlot, second: NameSlot): NamePool =>
  pool({ weight: 1, slots: [first, second], join: 'spaced', nativeSeparator: ' ' });

const VIETNAMESE: NamePools = {
  family: single(VIETNAMESE_FAMILY),
  male: spacedTwo(VIETNAMESE_MALE_MIDDLE, VIETNAMESE_MALE_GIVEN),
  female: spacedTwo(VIETNAMESE_FEMALE_MIDDLE, VIETNAMESE_FEMALE_GIVEN),
  nicknames: [vi('Bé'), vi('Tí'), vi('Út')],
};

const CHINESE_FAMILY = shares([
  [p('王', 'Wang', 'Wong'), 7.1],
  [p('李', 'Li', 'Lee', 'Lei'), 7],
  [p('张', 'Zhang', 'Chang', 'Cheung'), 6.7],
  [p('刘', 'Liu', 'Lau', 'Lew'), 5.4],
  [p('陈', 'Chen', 'Chan', 'Tan'), 4.5],
  [p('杨', 'Yang', 'Yeung', 'Young'), 3.1],
  [p('黄', 'Huang', 'Wong', 'Ng'), 2.2],
  [p('赵', 'Zhao', 'Chao', 'Chiu'), 2],
  [p('吴', 'Wu', 'Ng', 'Woo'), 1.9],
  [p('周', 'Zhou', 'Chou', 'Chow'), 1.9],
  [p('徐', 'Xu', 'Hsu', 'Tsui'), 1.5],
  [p('孙', 'Sun', 'Suen'), 1.4],
  [p('马', 'Ma', 'Mah'), 1.2],
  [p('朱', 'Zhu', 'Chu', 'Chue'), 1.2],
  [p('胡', 'Hu', 'Woo', 'Foo'), 1.1],
  [p('郭', 'Guo', 'Kuo', 'Kwok'), 1.1],
  [p('何', 'He', 'Ho', 'Hoh'), 1],
  [p('林', 'Lin', 'Lam', 'Lim'), 1],
  [p('罗', 'Luo', 'Lo', 'Law'), 0.9],
  [p('高', 'Gao', 'Kao', 'Ko'), 0.9],
]);
const CHINESE_MALE = uniform([
  p('伟', 'Wei', 'Wai'),
  p('强', 'Qiang', 'Chiang', 'Keung'),
  p('磊', 'Lei', 'Loi'),
  p('军', 'Jun', 'Chun', 'Kwan'),
  p('勇', 'Yong', 'Yung'),
  p('杰', 'Jie', 'Chieh', 'Kit'),
  p('涛', 'Tao', 'Tou'),
  p('明', 'Ming', 'Meng'),
  p('志', 'Zhi', 'Chih', 'Chi'),
  p('华', 'Hua', 'Wah'),
  p('国', 'Guo', 'Kuo', 'Kwok'),
  p('建', 'Jian', 'Chien', 'Kin'),
  p('文', 'Wen', 'Man'),
  p('海', 'Hai', 'Hoi'),
  p('平', 'Ping', 'Peng'),
  p('东', 'Dong', 'Tung'),
  p('林', 'Lin', 'Lam'),
  p('斌', 'Bin', 'Pin'),
  p('鹏', 'Peng', 'Pang'),
  p('辉', 'Hui', 'Fai'),
]);
const CHINESE_FEMALE = uniform([
  p('芳', 'Fang', 'Fong'),
  p('娜', 'Na', 'Nar'),
  p('敏', 'Min', 'Man'),
  p('静', 'Jing', 'Ching'),
  p('艳', 'Yan', 'Yim'),
  p('娟', 'Juan', 'Chuan', 'Kuen'),
  p('秀', 'Xiu', 'Hsiu', 'Sau'),
  p('英', 'Ying', 'Ying'),
  p('丽', 'Li', 'Lai'),
  p('玲', 'Ling', 'Ling'),
  p('霞', 'Xia', 'Hsia', 'Ha'),
  p('燕', 'Yan', 'Yin'),
  p('红', 'Hong', 'Hung'),
  p('梅', 'Mei', 'Mui'),
  p('兰', 'Lan', 'Laan'),
  p('婷', 'Ting', 'Teng'),
  p('雪', 'Xue', 'Hsueh', 'Suet'),
  p('琳', 'Lin', 'Lam'),
  p('佳', 'Jia', 'Chia', 'Kai'),
  p('慧', 'Hui', 'Wai'),
]);

const chineseGiven = (characters: NameSlot): NamePool =>
  pool(
    { weight: 0.3, slots: [characters], join: 'word', nativeSeparator: '' },
    { weight: 0.7, slots: [characters, characters], join: 'either', nativeSeparator: '' },
  );

const CHINESE: NamePools = {
  family: single(CHINESE_FAMILY),
  male: chineseGiven(CHINESE_MALE),
  female: chineseGiven(CHINESE_FEMALE),
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

/** Burmese honorifics by age and sex (U, Daw, Ko, Ma, Maung). */
export const BURMESE_HONORIFICS = {
  adultMale: p('ဦး', 'U'),
  adultFemale: p('ဒေါ်', 'Daw'),
  youngMale: p('ကို', 'Ko'),
  youngFemale: p('မ', 'Ma'),
  boy: p('မောင်', 'Maung', 'Mg'),
} as const;
