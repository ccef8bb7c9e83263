/** A small dataset built in code, for matcher and schema tests that need exact control. */
import type { Dataset, Entity } from '../../src/dataset/schema';

const SOURCE = 'https://en.wikipedia.org/wiki/Main_Page';

export function entity(
  id: string,
  category: Entity['category'],
  name: string,
  aliases: Entity['aliases'] = [],
  extra: Partial<Entity> = {},
): Entity {
  return {
    id,
    category,
    name,
    aliases,
    summary: `${name}, for tests.`,
    roles: [{ title: 'Test role', from: '2020-01-01', source: SOURCE }],
    facts: [],
    related: [],
    sources: [SOURCE],
    updatedAt: '2025-12-01',
    ...extra,
  };
}

export function dataset(entities: Entity[], version = 1): Dataset {
  return {
    schemaVersion: 1,
    id: 'test-dataset',
    version,
    publishedAt: '2025-12-01',
    title: 'Test dataset',
    categories: {
      person: { label: 'People', color: '#1f6feb', enabledByDefault: true },
      proposal: { label: 'Proposals', color: '#b35900', enabledByDefault: true },
      organization: { label: 'Organisations', color: '#8250df', enabledByDefault: false },
      place: { label: 'Places', color: '#1a7f37', enabledByDefault: false },
    },
    entities,
  };
}

export const MINI = dataset([
  entity('marco-rubio', 'person', 'Marco Rubio', ['Rubio', 'Secretary Rubio']),
  entity('donald-trump', 'person', 'Donald Trump', ['Trump', 'President Trump'], { related: ['marco-rubio', 'steve-witkoff'] }),
  entity('donald-trump-jr', 'person', 'Donald Trump Jr.', ['Don Jr.']),
  entity('vladimir-putin', 'person', 'Vladimir Putin', ['Putin']),
  entity('volodymyr-zelensky', 'person', 'Volodymyr Zelensky', ['Zelensky', 'Zelenskyy', 'Zelenskiy']),
  entity('steve-witkoff', 'person', 'Steve Witkoff', ['Witkoff']),
  entity('mark-rutte', 'person', 'Mark Rutte', ['Rutte']),
  entity('jared-kushner', 'person', 'Jared Kushner', [{ text: 'Kushner', ambiguous: true }], {
    related: ['donald-trump', 'steve-witkoff'],
  }),
  entity('charles-kushner', 'person', 'Charles Kushner', [{ text: 'Kushner', ambiguous: true }]),
  entity('bill-clinton', 'person', 'Bill Clinton', [{ text: 'Clinton', ambiguous: true }]),
  entity('hillary-clinton', 'person', 'Hillary Clinton', [{ text: 'Clinton', ambiguous: true }]),
  entity('us-28-point-peace-plan', 'proposal', '28-point peace plan', ['{the |}28-point {peace |}{plan|proposal|framework}']),
  entity('peace-plan-generic', 'proposal', 'Generic peace plan', ['peace plan']),
  entity('recep-tayyip-erdogan', 'person', 'Recep Tayyip Erdoğan', ['Erdoğan']),
  entity('nato', 'organization', 'NATO', ['Nato']),
]);
