import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * An exceljs streaming workbook whose bytes depend only on what is written to it: the workbook's
 * dates and every zip entry's date are one fixed instant. archiver (the zip writer inside exceljs'
 * streaming writer) stamps entries with the current time, and DOS zip times change every two
 * seconds, so without this two writes of the same content differ whenever they straddle a tick.
 */
export const REPRODUCIBLE_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

interface ZipAppender {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/** archiver's Core, as exceljs loads it. */
function archiverCore(): { prototype: ZipAppender } {
  const requireHere = createRequire(import.meta.url);
  const requireExcel = createRequire(requireHere.resolve('exceljs'));
  return requireExcel('archiver/lib/core.js') as { prototype: ZipAppender };
}

/** Opens a streaming workbook writing to a file or a stream, with fixed dates and the given creator. */
export function openReproducibleWorkbook(
  target: { filename: string } | { stream: Writable },
  creator: string,
): ExcelJS.stream.xlsx.WorkbookWriter {
  // exceljs adds entries from its constructor on: the prototype is patched for the constructor only,
  // then the instance keeps the fixed date for every later entry.
  const core = archiverCore().prototype;
  const append = core.append;
  core.append = function fixedDate(this: ZipAppender, source, data) {
    return append.call(this, source, { ...data, date: REPRODUCIBLE_DATE });
  };
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  try {
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...target,
      useStyles: false,
      useSharedStrings: false,
    });
  } finally {
    core.append = append;
  }
  const zip = (workbook as unknown as { zip: ZipAppender }).zip;
  zip.append = (source, data) => append.call(zip, source, { ...data, date: REPRODUCIBLE_DATE });
  workbook.creator = creator;
  workbook.created = REPRODUCIBLE_DATE;
  workbook.modified = REPRODUCIBLE_DATE;
  return workbook;
}
