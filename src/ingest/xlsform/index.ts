export {
  type BinaryOperator,
  type ExpressionContext,
  ExpressionError,
  type ExpressionNode,
  type ExpressionValue,
  evaluate,
  evaluateExpression,
  parseExpression,
  referencedQuestions,
  toBoolean,
  toNumber,
  toText,
} from './expression.ts';
export {
  type Choice,
  choicesOf,
  type FormSettings,
  labelIn,
  METADATA_TYPES,
  type PlacedQuestion,
  placedQuestions,
  QUESTION_TYPES,
  type QuestionType,
  STRUCTURE_TYPES,
  type SurveyRow,
  type Texts,
  type XlsForm,
} from './form.ts';
export {
  assignStableIds,
  describeDiff,
  diffForms,
  type FormDiff,
  isEmptyDiff,
  type QuestionChange,
} from './identity.ts';
export {
  parseXlsForm,
  readXlsFormFile,
  readXlsFormWorkbook,
  type Sheet,
  type XlsFormSheets,
} from './read.ts';
export { choicesTable, settingsTable, surveyTable, writeXlsFormWorkbook } from './write.ts';
