/**
 * Capitals are common words in other names: a treaty, a newspaper, a club, a university, a
 * person. The bundled dataset's context rules must leave those alone while still drawing the
 * city where a sentence means it.
 */
import { describe, expect, it } from 'vitest';
import { compileMatchIndex } from '../../src/dataset/compile';
import { findMentions } from '../../src/dataset/match';
import { resolveMentions } from '../../src/dataset/resolve';
import { bundledDataset } from '../support/bundled-dataset';

const index = compileMatchIndex(bundledDataset());

/** The entity ids drawn in `text`. */
const drawn = (text: string): string[] =>
  resolveMentions(findMentions(index, text), index)
    .filter((m) => m.entityIds.length > 0)
    .flatMap((m) => m.entityIds);

describe('capitals inside other names', () => {
  it.each([
    ['Jack London wrote it.', 'london'],
    ['Guinea-Conakry signed the deal.', 'conakry'],
    ['London Breed lost the race.', 'london'],
    ['Paris Hilton arrived.', 'paris'],
    ['The Paris Agreement was signed.', 'paris'],
    ['Irving Berlin wrote the song.', 'berlin'],
    ['The Rome Statute set up the court.', 'rome'],
    ['The Ottawa Treaty bans landmines.', 'ottawa'],
    ['The Warsaw Pact dissolved.', 'warsaw'],
    ['The Budapest Memorandum was cited.', 'budapest'],
    ['Real Madrid won again.', 'madrid'],
    ['The Lisbon Treaty took effect.', 'lisbon'],
    ['The Jakarta Post reported it.', 'jakarta'],
    ['The Tehran Times reported it.', 'tehran'],
    ['She studied at the University of Tokyo.', 'tokyo'],
    ['Brussels sprouts are in season.', 'brussels'],
    ['The Doha Round of trade talks stalled.', 'doha'],
    ['The Oslo Accords were signed in 1993.', 'oslo'],
    ['The Berne Convention protects copyright.', 'bern'],
    ['She played for Ajax Amsterdam.', 'amsterdam'],
    ['The Treaty of Lisbon took effect.', 'lisbon'],
    ['He signed for FC Vaduz.', 'vaduz'],
    ['Valletta FC won the title.', 'valletta'],
    ['FK Sarajevo lost at home.', 'sarajevo'],
    ['Budućnost Podgorica won the league.', 'podgorica'],
    ['She described a case of Stockholm syndrome.', 'stockholm'],
    ['The Stockholm Convention bans some pesticides.', 'stockholm'],
    ['The Tashkent Declaration ended the war of 1965.', 'tashkent'],
    ['The Amman Message was issued in 2004.', 'amman'],
    ['The Vientiane Times reported it.', 'vientiane'],
    ['Nassau County police responded.', 'nassau'],
    ['She backed the Bridgetown Initiative on climate finance.', 'bridgetown'],
    ['The Suva Agreement kept the forum together.', 'suva'],
    ['The Algiers Accords ended the hostage crisis.', 'algiers'],
    ['The Battle of Algiers was filmed in 1966.', 'algiers'],
    ['He finished second in the Dakar Rally.', 'dakar'],
    ['She drove the Dakar twice.', 'dakar'],
    ['Mbabane Swallows won the league.', 'mbabane'],
    ['Windhoek Lager is brewed there.', 'windhoek'],
    ['The Lomé Convention governed trade.', 'lome'],
    ['The Banjul Charter protects human rights.', 'banjul'],
    ['The Lusaka Protocol was signed in 1994.', 'lusaka'],
    ['Monrovia, California is near Pasadena.', 'monrovia'],
    ['General Christian de Castries surrendered.', 'castries'],
    ['Lake Managua is polluted.', 'managua'],
    ['Freetown Christiania is a Copenhagen commune.', 'freetown'],
    ['Porto-Novo, Cabo Verde, is on Santo Antão.', 'porto-novo'],
  ])('"%s" is not the city', (text, city) => {
    expect(drawn(text)).not.toContain(city);
  });

  it.each([
    ['Leaders met in London on Sunday.', 'london'],
    ['Talks resumed in Paris.', 'paris'],
    ['Delegations arrived in Washington, D.C. on Monday.', 'washington-dc'],
    ['Officials in Warsaw said so.', 'warsaw'],
    ['The summit in Brussels ended.', 'brussels'],
    ['Explosions were heard in Tehran.', 'tehran'],
    ['Leaders met in Andorra la Vella.', 'andorra-la-vella'],
    ['Talks were held in Stockholm on Friday.', 'stockholm'],
    ['The parliament in Chisinau voted.', 'chisinau'],
    ['Leaders gathered in Port Vila.', 'port-vila'],
    ['The summit opened in Nuku’alofa.', 'nukualofa'],
    ['A car bomb exploded in Mogadishu.', 'mogadishu'],
    ['Rebels advanced on N’Djamena.', 'n-djamena'],
    ['Soldiers took over the streets of Bissau.', 'bissau'],
    ['The summit opened in Dakar.', 'dakar'],
  ])('"%s" names the city', (text, city) => {
    expect(drawn(text)).toContain(city);
  });
});
