import { describe, expect, it } from 'vitest';
import { FIELDS_BY_KIND } from '../../src/domain/fields.ts';
import { generateWorld, worldLayout } from '../../src/synth/index.ts';
import { MemorySink } from './memory-sink.ts';

/** The columns a mapping spec reads. */
function columnsOf(spec: unknown): string[] {
  if (typeof spec === 'string') return [spec];
  const object = spec as { column?: string; join?: string[] };
  if (object.join) return object.join;
  return object.column ? [object.column] : [];
}

const DATE_PATTERN: Record<string, RegExp> = {
  'DD/MM/YYYY': /^\d{2}\/\d{2}\/\d{4}$/,
  'D/M/YYYY': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'M/D/YYYY': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'DD-MM-YYYY': /^\d{2}-\d{2}-\d{4}$/,
};

describe('synth mapping files: the platform contract', () => {
  const sink = new MemorySink();
  generateWorld({ seed: 4, people: 6000, scenario: 'baseline', weeks: 60 }, sink);
  const layout = worldLayout();

  for (const source of layout.sources) {
    it(`${source.name}: maps only fields of ${source.kind}, from columns the file has, with codes covering every value`, () => {
      const fields = new Map(FIELDS_BY_KIND[source.kind].map((field) => [field.name, field]));
      const rows = sink.rows(source.table.id);
      expect(rows.length).toBeGreaterThan(0);
      for (const field of FIELDS_BY_KIND[source.kind].filter((f) => f.required))
        expect(Object.keys(source.mapping.columns)).toContain(field.name);
      for (const [fieldName, spec] of Object.entries(source.mapping.columns)) {
        const field = fields.get(fieldName);
        expect(field, `${source.name}: ${fieldName} is not a field of ${source.kind}`).toBeDefined();
        for (const column of columnsOf(spec)) expect(source.table.columns).toContain(column);
        if (typeof spec !== 'object' || !('column' in spec)) continue;
        const values = rows
          .map((row) => row[spec.column])
          .filter((value) => value !== null && value !== undefined);
        if ('codes' in spec && spec.codes) {
          for (const value of values) expect(Object.keys(spec.codes)).toContain(String(value));
          if (field?.codes) for (const code of Object.values(spec.codes)) expect(field.codes).toContain(code);
        }
        if ('format' in spec && spec.format && DATE_PATTERN[spec.format])
          for (const value of values) expect(String(value)).toMatch(DATE_PATTERN[spec.format]);
        if (field?.codes && !('codes' in spec && spec.codes))
          for (const value of values) expect(field.codes).toContain(String(value));
      }
    });
  }
});
