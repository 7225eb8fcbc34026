import iconv from 'iconv-lite';
import jschardet from 'jschardet';

/** The text encodings SIREN reads; legacy ones are those field offices in the region still export. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | string;

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** How it was decided, for the import log. */
  evidence: 'bom' | 'utf-16-pattern' | 'valid-utf-8' | 'detector' | 'declared';
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Whether the sample is valid UTF-8, allowing a multi-byte sequence cut at the end of the sample. */
function isValidUtf8Prefix(sample: Uint8Array): boolean {
  for (let trim = 0; trim <= 3 && trim < sample.length; trim++) {
    try {
      utf8Strict.decode(sample.subarray(0, sample.length - trim));
      return true;
    } catch {
      if (sample.length < 4) return false;
    }
  }
  return false;
}

/**
 * Detects the encoding of a text file from its first bytes: a byte-order mark (UTF-8, UTF-16),
 * UTF-16 without a mark (NUL bytes at alternate positions), valid UTF-8, and otherwise a legacy
 * single-byte or double-byte encoding guessed by jschardet (e.g. Windows-874/TIS-620 for Thai,
 * Windows-1258 for Vietnamese, GB18030 for Chinese).
 */
export function detectEncoding(sample: Uint8Array, declared?: string): DetectedEncoding {
  if (declared) {
    if (!iconv.encodingExists(declared)) throw new Error(`unknown encoding "${declared}"`);
    return { encoding: declared.toLowerCase(), bomLength: 0, evidence: 'declared' };
  }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, evidence: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf-16le', bomLength: 2, evidence: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf-16be', bomLength: 2, evidence: 'bom' };
  const pairs = Math.min(sample.length >> 1, 512);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  if (pairs > 4 && oddNul > pairs * 0.3 && evenNul < pairs * 0.05)
    return { encoding: 'utf-16le', bomLength: 0, evidence: 'utf-16-pattern' };
  if (pairs > 4 && evenNul > pairs * 0.3 && oddNul < pairs * 0.05)
    return { encoding: 'utf-16be', bomLength: 0, evidence: 'utf-16-pattern' };
  if (isValidUtf8Prefix(sample)) return { encoding: 'utf-8', bomLength: 0, evidence: 'valid-utf-8' };
  const guess = jschardet.detect(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength));
  const name =
    guess.encoding && iconv.encodingExists(guess.encoding) ? guess.encoding.toLowerCase() : 'windows-1252';
  const canonical =
    name === 'tis-620' || name === 'cp874' ? 'windows-874' : name.replace(/^cp(125\d)$/, 'windows-$1');
  return { encoding: canonical, bomLength: 0, evidence: 'detector' };
}

/** Decodes a whole buffer with the detected (or declared) encoding. */
export function decodeText(
  bytes: Uint8Array,
  declared?: string,
): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes.subarray(0, 64 * 1024), declared);
  const body = Buffer.from(
    bytes.buffer,
    bytes.byteOffset + encoding.bomLength,
    bytes.byteLength - encoding.bomLength,
  );
  return { text: iconv.decode(body, encoding.encoding, { stripBOM: true }), encoding };
}

/** A streaming decoder for the detected encoding (for files too large to hold). */
export function createDecoderStream(encoding: TextEncoding): NodeJS.ReadWriteStream {
  return iconv.decodeStream(encoding, { stripBOM: true });
}
