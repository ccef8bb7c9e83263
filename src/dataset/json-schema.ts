/**
 * The JSON Schemas that maintainers' editors use to validate dataset files as they type,
 * generated from the zod schema so the two never disagree: one for the release file
 * (dataset.json), one for each entity file (entities/<id>.json) and one for the metadata file
 * (dataset.meta.json). Cross-entity rules (unique ids, related ids that exist, shared aliases)
 * are beyond JSON Schema; the validator checks them.
 */
import { z } from 'zod';
import { Dataset } from './schema';
import { DatasetMeta, EntityFile } from './layout';

function generate(schema: z.ZodType, id: string, title: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { ...json, $id: `https://backstory.news/schema/${id}`, title, description };
}

export function datasetJsonSchema(): Record<string, unknown> {
  return generate(
    Dataset,
    'dataset-1.json',
    'Backstory context dataset',
    'People, proposals, organisations and places, with dated roles and facts and their sources.',
  );
}

export function entityJsonSchema(): Record<string, unknown> {
  return generate(
    EntityFile,
    'entity-1.json',
    'Backstory dataset entity',
    'One entity of a Backstory dataset (entities/<id>.json), with its place in the release file.',
  );
}

export function metaJsonSchema(): Record<string, unknown> {
  return generate(
    DatasetMeta,
    'dataset-meta-1.json',
    'Backstory dataset metadata',
    'The release fields of a Backstory dataset (dataset.meta.json): everything but its entities and given names.',
  );
}

/** Every generated schema, by its file name under assets/dataset/. */
export function datasetJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'dataset.schema.json': datasetJsonSchema(),
    'entity.schema.json': entityJsonSchema(),
    'dataset.meta.schema.json': metaJsonSchema(),
  };
}
