export interface ProvinceRow {
  /** ISO 3166-2 code, e.g. `TH-63`, `KH-1`, `LA-VT`, `MM-13`, `VN-44`, `CN-YN`. */
  code: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** English name (ASCII for Vietnam). */
  name: string;
  /** Name in the national script, when known. */
  nameNative: string | null;
  type: string;
  hasc: string | null;
  /** Other spellings and romanisations met in records. */
  variants: readonly string[];
}

export interface BorderCrossing {
  /** `<country_a>-<country_b>-NN`, e.g. `KH-TH-01`. */
  id: string;
  name: string;
  countryA: string;
  placeA: string;
  countryB: string;
  placeB: string;
  /** WGS84; null when the crossing could not be placed. */
  lat: number | null;
  lon: number | null;
  provinceA: string;
  provinceB: string;
  confidence: string;
}
