import type { Random } from '../analytics/common/random.ts';
import { weekStartDay } from './calendar.ts';
import { drawPhone, formatPhone, isoDateTime, PHONE_FORMATS } from './identifiers.ts';
import type { OrganisationWorld } from './organisations.ts';
import type { Country } from './places.ts';
import { ROUTES } from './routes.ts';
import { type SourceSpec, sourceSpec, type TableSpec, type WorldSink } from './tables.ts';

/**
 * Online job ads and posts (online_post source). Each trafficking organisation runs an operation:
 * its recruiters post deceptive ads (high pay, no experience, free travel, no passport needed) from a
 * few templates in the language of the origin country, nearly identical from post to post (salary,
 * place, punctuation and emoji change), with the recruiters' phones; one deceptive post in ten
 * reuses a phone or the template of another operation (copied ads, shared numbers). Licensed
 * agencies post legitimate ads (licence number, contract, legal wage) with their own phones. About
 * 40% of posts are deceptive. Truth: truth/posts.csv (post, deceptive, operation, template).
 */
export const POST_TABLES: TableSpec[] = [
  {
    id: 'truth:posts',
    path: 'truth/posts.csv',
    format: 'csv',
    columns: ['post_id', 'deceptive', 'operation_id', 'template_id', 'shared_from'],
  },
];

export function postSource(): SourceSpec {
  const table: TableSpec = {
    id: 'source:posts',
    path: 'sources/online_posts/posts.csv',
    format: 'csv',
    delimiter: ',',
    encoding: 'utf-8',
    columns: ['id', 'created_time', 'site', 'lang', 'message', 'author', 'contact', 'link', 'place'],
  };
  return sourceSpec('online_posts', 'online_post', 'Online monitoring unit (job-ad scraper)', table, {
    post_id: 'id',
    posted_at: 'created_time',
    platform: 'site',
    language: 'lang',
    text: 'message',
    handle: 'author',
    phone: 'contact',
    url: 'link',
    location: 'place',
  });
}

const LANGUAGE: Record<Country, string> = { KH: 'km', TH: 'th', LA: 'lo', MM: 'my', VN: 'vi', CN: 'zh' };

const DECEPTIVE: Record<string, readonly string[]> = {
  km: [
    'ត្រូវការបុគ្គលិកធ្វើការនៅ {city} ប្រាក់ខែ {salary} ដុល្លារ មិនត្រូវការបទពិសោធន៍ ធ្វើដំណើរឥតគិតថ្លៃ ទូរស័ព្ទ {phone}',
    'ការងាររោងចក្រនៅ {city} ប្រាក់ខែខ្ពស់ {salary} ដុល្លារ មិនចាំបាច់មានលិខិតឆ្លងដែន ទាក់ទង {phone}',
  ],
  th: [
    'รับสมัครด่วน! งานโรงงานที่ {city} เงินเดือน {salary} บาท ไม่ต้องมีประสบการณ์ ไม่ต้องใช้พาสปอร์ต โทร {phone}',
    'งานร้านอาหารที่ {city} รายได้ดี {salary} บาท มีที่พักฟรี เดินทางฟรี ติดต่อ {phone}',
  ],
  lo: [
    'ຮັບສະໝັກພະນັກງານດ່ວນ ເຮັດວຽກຢູ່ {city} ເງິນເດືອນ {salary} ບາດ ບໍ່ຕ້ອງມີປະສົບການ ໂທ {phone}',
    'ວຽກຮ້ານອາຫານຢູ່ {city} ລາຍໄດ້ດີ {salary} ບາດ ມີທີ່ພັກຟຣີ ໂທ {phone}',
  ],
  my: [
    'အလုပ်သမားအမြန်လိုအပ်သည် {city} လစာ {salary} ဘတ် အတွေ့အကြုံမလိုပါ ဖုန်း {phone}',
    '{city} စက်ရုံအလုပ် လစာကောင်း {salary} ဘတ် နေစရာအခမဲ့ ဖုန်း {phone}',
  ],
  vi: [
    'Tuyển gấp lao động đi làm tại {city}, lương {salary} triệu/tháng, không cần kinh nghiệm, bao ăn ở, đi lại miễn phí. Liên hệ {phone}',
    'Việc nhẹ lương cao ở {city}, thu nhập {salary} triệu, không cần hộ chiếu. Gọi ngay {phone}',
  ],
  zh: [
    '高薪招聘！{city}工作，月薪{salary}元，无需经验，包吃包住，免费机票。联系{phone}',
    '{city}客服岗位，轻松高薪{salary}元，无需护照，速来！电话{phone}',
  ],
  en: [
    'URGENT hiring in {city}! Salary {salary} USD/month, no experience, free travel and food, no passport needed. Call {phone}',
  ],
};

const LEGITIMATE: Record<string, readonly string[]> = {
  en: [
    'Licensed agency (licence {licence}) recruiting workers for {city} under the MOU. Wage {salary} per month by law, written contract and work permit. Apply at our office or call {phone}',
  ],
  th: [
    'บริษัทจัดหางานได้รับอนุญาต เลขที่ {licence} รับสมัครแรงงานตาม MOU ทำงานที่ {city} ค่าจ้างตามกฎหมาย {salary} บาท มีสัญญาจ้าง โทร {phone}',
  ],
  km: [
    'ក្រុមហ៊ុនជ្រើសរើសកម្មករមានអាជ្ញាប័ណ្ណ {licence} ការងារតាម MOU នៅ {city} ប្រាក់ខែ {salary} មានកិច្ចសន្យា ទូរស័ព្ទ {phone}',
  ],
  vi: [
    'Công ty xuất khẩu lao động được cấp phép số {licence} tuyển lao động làm việc tại {city}, lương {salary} theo hợp đồng. Liên hệ {phone}',
  ],
};

const CITY: Record<string, string> = {
  'TH-10': 'Bangkok',
  'TH-20': 'Chonburi',
  'TH-27': 'Aranyaprathet',
  'TH-30': 'Korat',
  'TH-34': 'Ubon',
  'TH-40': 'Khon Kaen',
  'TH-57': 'Chiang Rai',
  'TH-63': 'Mae Sot',
  'TH-74': 'Mahachai',
  'TH-85': 'Ranong',
  'TH-90': 'Songkhla',
  'CN-YN': 'Kunming',
  'CN-GX': 'Nanning',
  'KH-12': 'Phnom Penh',
  'KH-18': 'Sihanoukville',
  'KH-1': 'Poipet',
  'MM-13': 'Myawaddy',
  'MM-17': 'Tachileik',
  'VN-SG': 'Ho Chi Minh City',
};

const PLATFORMS: Record<string, readonly string[]> = {
  km: ['facebook', 'telegram', 'tiktok'],
  th: ['facebook', 'line', 'tiktok'],
  lo: ['facebook', 'whatsapp'],
  my: ['facebook', 'telegram', 'viber'],
  vi: ['facebook', 'zalo', 'tiktok'],
  zh: ['wechat', 'telegram'],
  en: ['facebook', 'telegram'],
};

const DECORATIONS = ['', '!', '!!!', ' 🔥', ' ✅', ' 💰💰', ' ☎️', ' 👍'];

function vary(text: string, random: Random): string {
  let out = text + random.pick(DECORATIONS);
  if (random.next() < 0.3) out = out.replace(/ /, '  ');
  return out;
}

interface Operation {
  id: string;
  deceptive: boolean;
  language: string;
  templates: { id: string; text: string }[];
  phones: string[];
  handles: string[];
  places: readonly string[];
  weight: number;
}

export function writePosts(
  world: OrganisationWorld,
  people: number,
  weeks: number,
  sink: WorldSink,
  random: Random,
): { posts: number; deceptive: number; operations: number } {
  const operations: Operation[] = [];
  for (const organisation of world.organisations) {
    const route = ROUTES.find((candidate) => candidate.id === organisation.routeId)!;
    const language = random.next() < 0.15 ? 'en' : LANGUAGE[route.origin];
    const pool = DECEPTIVE[language];
    const templates = random
      .shuffle([...pool.keys()])
      .slice(0, 1 + random.integer(pool.length))
      .map((k) => ({ id: `D-${language}-${k}`, text: pool[k] }));
    operations.push({
      id: organisation.id,
      deceptive: true,
      language,
      templates,
      phones: organisation.byRole.recruiter.map((member) => member.phone),
      handles: organisation.byRole.recruiter.map(
        (member) => `${member.givenName.toLowerCase().replace(/\s+/g, '.')}.${random.integer(1000)}`,
      ),
      places: route.destinationProvinces,
      weight: organisation.byRole.recruiter.length,
    });
  }
  const agencies = Math.max(3, Math.round(world.organisations.length / 2));
  const languages = Object.keys(LEGITIMATE);
  for (let a = 0; a < agencies; a++) {
    const language = random.pick(languages);
    const country: Country =
      language === 'th' ? 'TH' : language === 'km' ? 'KH' : language === 'vi' ? 'VN' : 'TH';
    operations.push({
      id: `AGENCY${String(a + 1).padStart(3, '0')}`,
      deceptive: false,
      language,
      templates: [
        {
          id: `L-${language}`,
          text: LEGITIMATE[language][0].replace(
            '{licence}',
            `${random.integer(900) + 100}/${2015 + random.integer(8)}`,
          ),
        },
      ],
      phones: [drawPhone(country, random), drawPhone(country, random)],
      handles: [`agency${a + 1}.jobs`],
      places: ['TH-10', 'TH-20', 'TH-74', 'TH-63'],
      weight: 4,
    });
  }
  const total = Math.min(50_000, Math.max(300, Math.round(people / 20)));
  // Legitimate agencies share 60% of the posting weight, deceptive operations 40%.
  const deceptiveWeight = operations.reduce(
    (sum, operation) => sum + (operation.deceptive ? operation.weight : 0),
    0,
  );
  const legitimateWeight = operations.reduce(
    (sum, operation) => sum + (operation.deceptive ? 0 : operation.weight),
    0,
  );
  const weights = operations.map((operation) =>
    operation.deceptive
      ? (0.4 * operation.weight) / deceptiveWeight
      : (0.6 * operation.weight) / legitimateWeight,
  );
  const deceptiveOperations = operations.filter((operation) => operation.deceptive);
  const endDay = weekStartDay(weeks);
  const firstDay = weekStartDay(0);
  let deceptive = 0;
  for (let i = 0; i < total; i++) {
    const operation = operations[random.categorical(weights)];
    let template = random.pick(operation.templates);
    let phone = random.pick(operation.phones);
    let sharedFrom: string | null = null;
    if (operation.deceptive && random.next() < 0.1) {
      const other = random.pick(deceptiveOperations);
      if (other !== operation) {
        sharedFrom = other.id;
        if (random.next() < 0.5) phone = random.pick(other.phones);
        else template = random.pick(other.templates);
      }
    }
    const place = random.pick(operation.places);
    const salary = operation.deceptive
      ? operation.language === 'vi'
        ? 15 + random.integer(20)
        : operation.language === 'zh'
          ? 8000 + 500 * random.integer(20)
          : operation.language === 'km' || operation.language === 'en'
            ? 600 + 50 * random.integer(20)
            : 15000 + 1000 * random.integer(20)
      : 9000 + 100 * random.integer(30);
    const shownPhone = formatPhone(phone, random.pick(PHONE_FORMATS));
    const text = vary(
      template.text
        .replace('{city}', CITY[place] ?? place)
        .replace('{salary}', String(salary))
        .replace('{phone}', shownPhone),
      random,
    );
    const platform = random.pick(PLATFORMS[operation.language] ?? PLATFORMS.en);
    const id = `POST${String(i + 1).padStart(7, '0')}`;
    if (operation.deceptive) deceptive++;
    sink.row('source:posts', [
      id,
      isoDateTime(firstDay + random.integer(endDay - firstDay), random.integer(1440)),
      platform,
      operation.language,
      text,
      random.pick(operation.handles),
      random.next() < 0.7 ? shownPhone : null,
      `https://${platform}.example/${id.toLowerCase()}`,
      place,
    ]);
    sink.row('truth:posts', [id, operation.deceptive ? 1 : 0, operation.id, template.id, sharedFrom]);
  }
  return { posts: total, deceptive, operations: operations.length };
}
