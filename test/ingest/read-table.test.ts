import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTableFile, readWorkbookTable } from '../../src/ingest/read-table.ts';

/** A one-sheet workbook with a blank third row between two data rows. */
async function workbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  sheet.addRow(['site', 'visited', 'count']);
  sheet.addRow(['A', new Date(Date.UTC(2024, 0, 30)), 3]);
  sheet.getRow(4).values = ['B', new Date(Date.UTC(2024, 1, 1, 10)), 4];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readWorkbookTable', () => {
  it('reads the first sheet as text, dates as ISO text, skipping empty rows', async () => {
    const table = await readWorkbookTable(await workbookBytes(), 'visits.xlsx');
    expect(table).toEqual({
      file: 'visits.xlsx',
      columns: ['site', 'visited', 'count'],
      rows: [
        { site: 'A', visited: '2024-01-30', count: '3' },
        { site: 'B', visited: '2024-02-01T10:00:00.000Z', count: '4' },
      ],
    });
  });

  it('keeps empty rows when asked, so that row i is sheet row i + 2', async () => {
    const table = await readWorkbookTable(await workbookBytes(), 'visits.xlsx', { keepEmptyRows: true });
    expect(table.rows.map((row) => row.site)).toEqual(['A', '', 'B']);
  });

  it('names the file that is not a workbook', async () => {
    await expect(readWorkbookTable(Buffer.from('site,count\n'), 'visits.xlsx')).rejects.toThrow(
      'visits.xlsx is not an XLSX workbook',
    );
  });

  it('is what readTableFile gives for an .xlsx file', async () => {
    const bytes = await workbookBytes();
    const path = join(mkdtempSync(join(tmpdir(), 'siren-read-table-')), 'visits.xlsx');
    writeFileSync(path, bytes);
    expect(await readTableFile(path)).toEqual(await readWorkbookTable(bytes, 'visits.xlsx'));
  });
});
