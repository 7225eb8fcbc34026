export { decodeText, detectEncoding } from './encoding.ts';
export {
  detectDelimiter,
  numberCell,
  parseDelimitedText,
  readTableFile,
  requireColumns,
  type Table,
} from './read-table.ts';
