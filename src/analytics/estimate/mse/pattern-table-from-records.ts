/**
 * Builds a capture-pattern table from linked records: one record per (entity, list) sighting, where
 * the entity id is the result of record linkage (the same person seen by several sources carries one
 * id). A case's pattern is the set of lists its records come from; several records of one entity on
 * the same list count once (capture is presence on a list, not the number of sightings).
 *
 * Lists are taken in the order given by `options.lists`, or in order of first appearance. A list named
 * in `options.lists` with no record is reported as an error by the table validation; a record whose
 * list is not among `options.lists` is an error too (it would silently drop a case otherwise).
 *
 * Complexity: O(records + entities + 2^k).
 */
import { requireInput } from '../../common/errors.ts';
import { createPatternTable, type PatternRow, type PatternTable } from './pattern-table.ts';

export interface LinkedRecord {
  /** Resolved entity (case) id. */
  readonly entity: string;
  /** The list (source) the record comes from. */
  readonly list: string;
}

export interface PatternTableFromRecordsOptions {
  /** List names in the order wanted; default: order of first appearance in the records. */
  lists?: readonly string[];
}

export function patternTableFromRecords(
  records: readonly LinkedRecord[],
  options: PatternTableFromRecordsOptions = {},
): PatternTable {
  const where = 'estimate/mse/patternTableFromRecords';
  requireInput(records.length > 0, where, 'no records');
  const lists = options.lists ? [...options.lists] : [];
  const listIndex = new Map(lists.map((name, index) => [name, index]));
  const masks = new Map<string, number>();
  records.forEach((record, index) => {
    requireInput(record.entity !== '', where, `record ${index + 1} has an empty entity id`);
    requireInput(record.list !== '', where, `record ${index + 1} has an empty list name`);
    let list = listIndex.get(record.list);
    if (list === undefined) {
      requireInput(
        options.lists === undefined,
        where,
        `record ${index + 1} is on list "${record.list}", which is not among the lists given (${lists.join(', ')})`,
      );
      list = lists.length;
      lists.push(record.list);
      listIndex.set(record.list, list);
    }
    masks.set(record.entity, (masks.get(record.entity) ?? 0) | (1 << list));
  });
  const tally = new Map<number, number>();
  for (const mask of masks.values()) tally.set(mask, (tally.get(mask) ?? 0) + 1);
  const rows: PatternRow[] = [...tally.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([mask, count]) => ({ pattern: lists.map((_, list) => (mask >> list) & 1), count }));
  return createPatternTable(lists, rows);
}
