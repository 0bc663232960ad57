import { describe, expect, it } from 'vitest';
import { type Participant, recommendPartners } from './recommend.ts';

const vocabulary = { categoryName: (code: string) => ({ uk: `к:${code}`, en: `c:${code}` }) };

function participant(overrides: Partial<Participant> & Pick<Participant, 'organizationId' | 'name' | 'country' | 'kind'>): Participant {
  return { capabilities: [], seeks: [], offers: [], interests: [], goals: '', ...overrides };
}

// A small forum worked by hand: a Norwegian drone maker wants to localize in Ukraine.
const nordic = participant({
  organizationId: 'nordic', name: 'Nordic Drones', country: 'NO', kind: 'manufacturer',
  capabilities: ['uav.fpv', 'uav.reconnaissance'], seeks: ['local_partner', 'production_site'], offers: ['technology'],
  interests: ['uav.fpv', 'electronic_warfare'], goals: 'Localize FPV drone assembly with carbon frames',
});
const kyiv = participant({
  organizationId: 'kyiv', name: 'Kyiv UAV Works', country: 'UA', kind: 'manufacturer',
  capabilities: ['uav.fpv'], offers: ['local_partner', 'production_site'], seeks: ['technology'], interests: ['uav.fpv'], goals: 'Assembly of drone frames',
});
const lviv = participant({ organizationId: 'lviv', name: 'Lviv Components', country: 'UA', kind: 'supplier', capabilities: ['components.electronics'], offers: ['components'], interests: ['electronic_warfare'] });
const bavaria = participant({ organizationId: 'bavaria', name: 'Bavaria Armor', country: 'DE', kind: 'manufacturer', capabilities: ['armored_vehicles'], offers: ['technology'], seeks: ['local_partner'] });
const odesa = participant({ organizationId: 'odesa', name: 'Odesa Optics', country: 'UA', kind: 'manufacturer', capabilities: ['optics'], offers: ['production_site'] });

describe('partner recommendations', () => {
  it('ranks a hand-worked forum and explains every point', () => {
    const ranked = recommendPartners(nordic, [bavaria, odesa, lviv, kyiv, nordic], 'UA', vocabulary);
    // Kyiv: local producer 40 + offers a local partner 20 + offers a site 20 + seeks the technology offered 20
    // + one shared interest 5 + localization pair 10 + three shared goal words (assembly, drone, frames) 6 = 121.
    // Lviv: component supplier 25 + shared interest (electronic warfare) 5 + localization pair 10 = 40.
    // Odesa: offers a production site 20. Bavaria shares nothing and is left out; so is the subject itself.
    expect(ranked.map((r) => [r.organizationId, r.score])).toEqual([['kyiv', 121], ['lviv', 40], ['odesa', 20]]);
    const kyivReasons = ranked[0]!.reasons;
    expect(kyivReasons.map((r) => r.code)).toEqual(['local_producer', 'offers_what_you_seek', 'offers_what_you_seek', 'seeks_what_you_offer', 'localization_pair', 'shared_goals', 'shared_interests']);
    expect(kyivReasons.reduce((sum, r) => sum + r.points, 0)).toBe(121);
    expect(kyivReasons[0]!.textEn).toBe('A local producer in your categories: c:uav.fpv');
    expect(kyivReasons.find((r) => r.code === 'shared_goals')!.textEn).toBe('Similar goals: assembly, drone, frames');
    expect(ranked[1]!.reasons.map((r) => r.code)).toEqual(['component_supplier', 'localization_pair', 'shared_interests']);
    for (const reason of ranked.flatMap((r) => r.reasons)) expect(reason.textUk).toMatch(/[а-яіїєґ]/i);
  });

  it('recommends the foreign manufacturer to the local producer, and is not symmetric in kind', () => {
    const ranked = recommendPartners(kyiv, [nordic, odesa, bavaria], 'UA', vocabulary);
    expect(ranked[0]).toMatchObject({ organizationId: 'nordic' });
    expect(ranked[0]!.reasons.map((r) => r.code)).toContain('foreign_manufacturer');
    // Odesa shares no category with Kyiv and neither side seeks what the other offers.
    expect(ranked.map((r) => r.organizationId)).not.toContain('odesa');
  });
});
