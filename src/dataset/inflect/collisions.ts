/**
 * Inflected forms worth a maintainer's look (`npm run dataset -- lint`): forms the stop list
 * left out, and forms that spell another name in the dataset or a common word, which the
 * matcher would read as this person or place on a page in that language.
 */
import { aliasesWithName, aliasText, type Dataset, type Entity } from '../schema';
import { expandAliasTemplate, foldForComparison } from '../normalize';
import { aliasForms, inflectionRules } from '.';

export interface FormCollision {
  entity: Entity;
  /** `name` or `aliases[i]`. */
  path: string;
  message: string;
}

export function inflectedFormCollisions(dataset: Dataset, commonWords: ReadonlySet<string>): FormCollision[] {
  const out: FormCollision[] = [];
  const names = new Map<string, string>();
  // A form that folds to one of the entity's own aliases ("Ukrainą" and "Ukraina") is that alias.
  const own = new Map<string, Set<string>>();
  for (const entity of dataset.entities) {
    for (const { alias } of aliasesWithName(entity))
      for (const v of expandAliasTemplate(aliasText(alias))) {
        const key = foldForComparison(v);
        names.set(key, `an alias of ${entity.id}`);
        own.set(key, (own.get(key) ?? new Set()).add(entity.id));
      }
    for (const g of entity.givenNames ?? []) names.set(foldForComparison(g), 'a given name');
  }
  for (const g of dataset.givenNames ?? []) names.set(foldForComparison(g), 'a given name');
  for (const entity of dataset.entities) {
    for (const { alias, aliasIndex } of aliasesWithName(entity)) {
      const inflection = typeof alias === 'string' ? undefined : inflectionRules(alias.lang);
      if (!inflection) continue;
      const path = aliasIndex < 0 ? 'name' : `aliases[${aliasIndex}]`;
      for (const variant of expandAliasTemplate(aliasText(alias))) {
        const { forms, stopped } = aliasForms(inflection.rules, variant, entity);
        for (const form of stopped)
          out.push({
            entity,
            path,
            message: `the ${inflection.language} form "${form}" is on the stop list (a common word) and is left out`,
          });
        for (const form of forms) {
          const key = foldForComparison(form);
          if (own.get(key)?.has(entity.id)) continue;
          const other = names.get(key) ?? (commonWords.has(key) ? 'a common word (common-words.txt)' : undefined);
          if (other)
            out.push({
              entity,
              path,
              message: `the ${inflection.language} form "${form}" is also ${other}; add it to the ${inflection.language} stop list in src/dataset/inflect if it should not match`,
            });
        }
      }
    }
  }
  return out;
}
