/**
 * The JSON Schema that maintainers' editors use to validate dataset files as they type,
 * generated from the zod schema so the two never disagree. Cross-entity rules (unique ids,
 * related ids that exist, shared aliases) are beyond JSON Schema; the validator checks them.
 */
import { z } from 'zod';
import { Dataset } from './schema';

export function datasetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Dataset, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://backstory.news/schema/dataset-1.json',
    title: 'Backstory context dataset',
    description: 'People, proposals, organisations and places, with dated roles and facts and their sources.',
  };
}
