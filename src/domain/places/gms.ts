/** The countries of the Greater Mekong Sub-region; of China only Yunnan and Guangxi belong to it. */
export const GMS_COUNTRIES = ['KH', 'LA', 'MM', 'TH', 'VN', 'CN'] as const;
export type GmsCountry = (typeof GMS_COUNTRIES)[number];
export const GMS_CHINESE_PROVINCES = ['CN-YN', 'CN-GX'] as const;

/** Whether an admin-1 unit (country code, ISO 3166-2 code) lies in the sub-region. */
export function isGmsUnit(country: string, code: string): boolean {
  if (country === 'CN' || code.startsWith('CN-'))
    return (GMS_CHINESE_PROVINCES as readonly string[]).includes(code);
  return (GMS_COUNTRIES as readonly string[]).includes(country) && /^[A-Z]{2}-[0-9A-Z]+$/.test(code);
}
