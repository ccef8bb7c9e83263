/**
 * The bundled dataset as the extension ships it (assets/dataset/dataset.json), parsed and
 * checked once per test file; a damaged file fails with the schema's own messages.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDatasetError, parseDataset, type Dataset } from '../../src/dataset/schema';

let cached: Dataset | undefined;

export function bundledDataset(): Dataset {
  if (cached) return cached;
  const parsed = parseDataset(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/dataset/dataset.json'), 'utf8')));
  if (!parsed.ok)
    throw new Error(`the bundled dataset is invalid:\n${parsed.error.errors.slice(0, 10).map(formatDatasetError).join('\n')}`);
  cached = parsed.value;
  return cached;
}
