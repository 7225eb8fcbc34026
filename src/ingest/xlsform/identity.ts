import { choicesOf, labelIn, placedQuestions, type SurveyRow, type XlsForm } from './form.ts';

/**
 * Stable question identity across instrument versions, and the difference between two versions.
 *
 * A question's id is its `id` column when given, else its name. Names are unique in a form and do
 * not depend on groups, so a question moved to another group keeps its id. A renamed question keeps
 * its id when the new version gives the old id in the `id` column, or, without one, by rename
 * detection: a question of the new version whose id is not in the old version takes the id of a
 * question of the old version that is gone from the new one when exactly one such pair matches on
 * type, choice list contents (for selects) and label in the old version's first language
 * (whitespace and case ignored), both ways. A rename that also rewords the label is not detected
 * (the question then shows as removed and added): give it an explicit `id`. The diff is shown
 * before a version is stored (`siren sentinel instrument diff`) so that such cases are caught.
 */
export interface QuestionChange {
  id: string;
  name: string;
  /** What changed: type, choices, labels, hints, required, constraint, relevant, calculation, … */
  fields: string[];
}

export interface FormDiff {
  from: { formId: string; version: string } | null;
  to: { formId: string; version: string };
  added: { id: string; name: string; type: string }[];
  removed: { id: string; name: string; type: string }[];
  renamed: { id: string; from: string; to: string; detected: boolean }[];
  moved: { id: string; name: string; from: string; to: string }[];
  changed: QuestionChange[];
  languagesAdded: string[];
  languagesRemoved: string[];
}

function comparableLabel(form: XlsForm, row: SurveyRow): string {
  return labelIn(row.labels, form.languages[0]).replace(/\s+/g, ' ').trim().toLowerCase();
}

function choiceSignature(form: XlsForm, row: SurveyRow): string {
  return row.listName
    ? choicesOf(form, row.listName)
        .map((choice) => choice.name)
        .join(' ')
    : '';
}

function renameSignature(form: XlsForm, row: SurveyRow): string {
  return `${row.type}\u0000${choiceSignature(form, row)}\u0000${comparableLabel(form, row)}`;
}

/**
 * Gives the questions of `next` the ids of their counterparts in `previous` (explicit ids stay;
 * detected renames take the old id and mark it as coming from the column, so that the XLSX written
 * from the stored version carries it). Returns a new form; `previous` null leaves ids as they are.
 */
export function assignStableIds(
  previous: XlsForm | null,
  next: XlsForm,
): { form: XlsForm; detectedRenames: string[] } {
  if (previous === null) return { form: next, detectedRenames: [] };
  const oldIds = new Set(previous.survey.map((row) => row.id).filter((id) => id !== ''));
  const newIds = new Set(next.survey.map((row) => row.id).filter((id) => id !== ''));
  const gone = previous.survey.filter((row) => row.id !== '' && !newIds.has(row.id));
  const fresh = next.survey.filter((row) => row.id !== '' && !oldIds.has(row.id) && !row.idFromColumn);
  const bySignature = (rows: SurveyRow[], form: XlsForm) => {
    const map = new Map<string, SurveyRow[]>();
    for (const row of rows) {
      const key = renameSignature(form, row);
      map.set(key, [...(map.get(key) ?? []), row]);
    }
    return map;
  };
  const goneBySignature = bySignature(gone, previous);
  const freshBySignature = bySignature(fresh, next);
  const renamed = new Map<SurveyRow, string>();
  for (const [signature, candidates] of freshBySignature) {
    const matches = goneBySignature.get(signature) ?? [];
    if (candidates.length === 1 && matches.length === 1 && !signature.endsWith('\u0000'))
      renamed.set(candidates[0], matches[0].id);
  }
  const survey = next.survey.map((row) => {
    const id = renamed.get(row);
    return id === undefined ? row : { ...row, id, idFromColumn: true };
  });
  return { form: { ...next, survey }, detectedRenames: [...renamed.values()] };
}

const COMPARED_FIELDS: [keyof SurveyRow, string][] = [
  ['type', 'type'],
  ['labels', 'labels'],
  ['hints', 'hints'],
  ['required', 'required'],
  ['requiredMessages', 'required messages'],
  ['constraint', 'constraint'],
  ['constraintMessages', 'constraint messages'],
  ['relevant', 'relevant'],
  ['choiceFilter', 'choice filter'],
  ['default', 'default'],
  ['calculation', 'calculation'],
  ['appearance', 'appearance'],
  ['parameters', 'parameters'],
  ['personal', 'personal'],
  ['canonical', 'canonical'],
];

/** The difference between two versions (ids already assigned with {@link assignStableIds}). */
export function diffForms(
  previous: XlsForm | null,
  next: XlsForm,
  detectedRenames: readonly string[] = [],
): FormDiff {
  const to = { formId: next.settings.formId, version: next.settings.version };
  const nextPlaced = placedQuestions(next);
  const describe = (row: SurveyRow) => ({ id: row.id, name: row.name, type: row.type });
  const structure = (form: XlsForm) =>
    form.survey.filter((row) => row.type === 'begin_group' || row.type === 'begin_repeat');
  if (previous === null)
    return {
      from: null,
      to,
      added: [...structure(next), ...nextPlaced.map((placed) => placed.question)].map(describe),
      removed: [],
      renamed: [],
      moved: [],
      changed: [],
      languagesAdded: [...next.languages],
      languagesRemoved: [],
    };
  const allRows = (form: XlsForm) => form.survey.filter((row) => row.id !== '');
  const oldById = new Map(allRows(previous).map((row) => [row.id, row]));
  const newById = new Map(allRows(next).map((row) => [row.id, row]));
  const pathOf = (form: XlsForm) => {
    const paths = new Map<string, string>();
    const stack: string[] = [];
    for (const row of form.survey) {
      if (row.type === 'end_group' || row.type === 'end_repeat') {
        stack.pop();
        continue;
      }
      paths.set(row.id, stack.join('/'));
      if (row.type === 'begin_group' || row.type === 'begin_repeat') stack.push(row.name);
    }
    return paths;
  };
  const oldPaths = pathOf(previous);
  const newPaths = pathOf(next);
  const diff: FormDiff = {
    from: { formId: previous.settings.formId, version: previous.settings.version },
    to,
    added: [],
    removed: [],
    renamed: [],
    moved: [],
    changed: [],
    languagesAdded: next.languages.filter((language) => !previous.languages.includes(language)),
    languagesRemoved: previous.languages.filter((language) => !next.languages.includes(language)),
  };
  for (const [id, row] of newById) {
    const old = oldById.get(id);
    if (!old) {
      diff.added.push(describe(row));
      continue;
    }
    if (old.name !== row.name)
      diff.renamed.push({ id, from: old.name, to: row.name, detected: detectedRenames.includes(id) });
    if ((oldPaths.get(id) ?? '') !== (newPaths.get(id) ?? ''))
      diff.moved.push({
        id,
        name: row.name,
        from: oldPaths.get(id) || '(top)',
        to: newPaths.get(id) || '(top)',
      });
    const fields = COMPARED_FIELDS.filter(
      ([field]) => JSON.stringify(old[field]) !== JSON.stringify(row[field]),
    ).map(([, label]) => label);
    if (choiceSignatureWithLabels(previous, old) !== choiceSignatureWithLabels(next, row))
      fields.push('choices');
    if (fields.length > 0) diff.changed.push({ id, name: row.name, fields });
  }
  for (const [id, row] of oldById) if (!newById.has(id)) diff.removed.push(describe(row));
  return diff;
}

function choiceSignatureWithLabels(form: XlsForm, row: SurveyRow): string {
  return row.listName
    ? JSON.stringify(choicesOf(form, row.listName).map((choice) => [choice.name, choice.labels]))
    : '';
}

/** Whether a diff has anything to show. */
export function isEmptyDiff(diff: FormDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.renamed.length +
      diff.moved.length +
      diff.changed.length ===
      0 && diff.languagesAdded.length + diff.languagesRemoved.length === 0
  );
}

/** The diff as lines a person reads before using the new version. */
export function describeDiff(diff: FormDiff): string[] {
  const lines = [
    `${diff.to.formId}: ${diff.from ? `version ${diff.from.version}` : '(no earlier version)'} → version ${diff.to.version}`,
  ];
  for (const item of diff.added)
    lines.push(`  + ${item.name} (${item.type})${item.id !== item.name ? ` id ${item.id}` : ''}`);
  for (const item of diff.removed) lines.push(`  - ${item.name} (${item.type})`);
  for (const item of diff.renamed)
    lines.push(
      `  ~ renamed ${item.from} → ${item.to} (id ${item.id}${item.detected ? ', detected by type, choices and label' : ''})`,
    );
  for (const item of diff.moved) lines.push(`  ~ moved ${item.name}: ${item.from} → ${item.to}`);
  for (const item of diff.changed) lines.push(`  ~ ${item.name}: ${item.fields.join(', ')}`);
  if (diff.languagesAdded.length > 0) lines.push(`  + languages ${diff.languagesAdded.join(', ')}`);
  if (diff.languagesRemoved.length > 0) lines.push(`  - languages ${diff.languagesRemoved.join(', ')}`);
  if (isEmptyDiff(diff)) lines.push('  (no differences)');
  return lines;
}
