import { BlobStore } from '../registry/blob-store.ts';
import { uploadDocument } from '../registry/service.ts';
import { addValuation, createAsset, recordSale, transitionAsset } from '../fund/assets-service.ts';
import { approveDisbursement, awardDetail, clawBack, listAwards, prepareDisbursement, reportMilestone, verifyMilestone } from '../fund/awards-service.ts';
import { assignEvaluators, awardCall, createCall, createProposal, declare, rankCall, recordConsensus, submitScores, transitionCall, transitionProposal } from '../fund/calls-service.ts';
import { recordDonation } from '../fund/donations-service.ts';
import { organizationScreening } from '../screening/cases-service.ts';
import { createEntry, exchange } from '../fund/service.ts';
import type { TCreateCall } from '../fund/programs-schema.ts';
import { addDays, addMonths, chance, intBetween, isoDate, pick, quarterOf, roundDown, shuffled } from './calendar.ts';
import { demoPdf } from './documents.ts';
import { type DemoCompany, type DemoContext, type DemoUser, demoMembers, inBatches } from './context.ts';

// The special defense fund over the eighteen months before the demo's "today": confiscated assets
// registered, valued, sold and their net proceeds booked; donations from fictional states,
// foundations and a private donor (some earmarked); budget allocations; a currency exchange; and
// three calls for proposals — two decided (proposals from members, scored by both evaluators, a
// consensus, ranking, awards, milestones reported, verified and paid by one fund officer on another's
// approval, some still pending) and one open now.
//
// Dates: donations, budget allocations and the exchange are booked on their own dates (the ledger
// takes an effective date); a call's publication and its proposals' submissions are recorded at the
// dates of its window (the calls service takes `now`). Everything else the services date themselves,
// i.e. the moment the seed runs: asset-sale proceeds, evaluations, awards and payments show today.

const MILLION = 1_000_000_00; // one million in minor units (kopiykas, cents)

interface Product {
  capability: string;
  /** Title of a proposal, from the company's name. */
  title: string;
  deliverable: string;
  /** Yearly quantity range an award promises, in the category's unit. */
  quantity: [number, number];
}

const PRODUCTS: Record<string, Product[]> = {
  ammunition: [
    { capability: 'ammunition.artillery.shells_155', title: 'Serial production of 155 mm artillery shells', deliverable: 'Batch of 155 mm high-explosive shells accepted by the military representative', quantity: [15_000, 60_000] },
    { capability: 'ammunition.artillery.shells_152', title: 'Production line for 152 mm shells', deliverable: 'Batch of 152 mm shells accepted after lot testing', quantity: [10_000, 40_000] },
    { capability: 'ammunition.propellants', title: 'Modular propellant charges made in Ukraine', deliverable: 'Modular charges delivered and test-fired', quantity: [40_000, 160_000] },
    { capability: 'ammunition.mortar', title: '120 mm mortar rounds: localized body and fuze assembly', deliverable: 'Mortar rounds delivered with lot certificates', quantity: [20_000, 80_000] },
  ],
  uav: [
    { capability: 'uav.strike', title: 'Strike UAV assembly with a Ukrainian airframe partner', deliverable: 'Strike UAVs delivered after flight acceptance', quantity: [200, 1_200] },
    { capability: 'uav.reconnaissance', title: 'Reconnaissance UAVs with local optics integration', deliverable: 'Reconnaissance UAV sets delivered and flight-tested', quantity: [100, 600] },
    { capability: 'uav.fpv', title: 'FPV drone line with domestic motors and frames', deliverable: 'FPV drones delivered with acceptance reports', quantity: [5_000, 30_000] },
    { capability: 'uav.long_range', title: 'Long-range UAV production and engine localization', deliverable: 'Long-range UAVs delivered after range trials', quantity: [50, 300] },
  ],
  electronic_warfare: [
    { capability: 'electronic_warfare.jammers', title: 'Trench and vehicle jammers built in Ukraine', deliverable: 'Jammer sets delivered and field-tested', quantity: [200, 2_000] },
    { capability: 'electronic_warfare.sigint', title: 'Signals intelligence stations: local assembly', deliverable: 'SIGINT stations delivered and commissioned', quantity: [20, 200] },
  ],
  demining: [
    { capability: 'demining.machines', title: 'Remote-controlled demining machines', deliverable: 'Demining machines delivered with operator training', quantity: [5, 30] },
    { capability: 'demining', title: 'Humanitarian demining kits for field teams', deliverable: 'Demining kits delivered to field teams', quantity: [200, 1_500] },
  ],
};

const EVALUATOR_COMMENTS = [
  'Credible plan; the local partner already runs a comparable line.',
  'Capacity figures are consistent with the equipment list.',
  'Price per unit is within the range of recent contracts.',
  'Schedule is tight for the second milestone; risk noted.',
  'Local content share is convincing and documented.',
  'Technology transfer is described only in general terms.',
  'Strong track record; the budget lines are well justified.',
  'Supply of imported components is the main risk.',
];

/** Who acts in the fund's story. */
interface FundCast {
  officer: DemoUser;
  second: DemoUser;
  evaluators: DemoUser[];
}

/** Seeds the special defense fund: sources over time, three calls, awards and disbursements. */
export async function seedFund(context: DemoContext): Promise<void> {
  const cast: FundCast = { officer: context.staff.fund_officer, second: context.staff.fund_officer2, evaluators: [context.staff.evaluator, context.staff.evaluator2] };
  await seedAssets(context, cast);
  await seedInflows(context, cast);
  const members = demoMembers(context);
  if (members.length === 0) return;
  const calls = planCalls(context);
  const used = new Set<string>();
  for (const plan of calls) await runCall(context, cast, plan, members, used);
}

// Confiscated assets --------------------------------------------------------------------------------

interface AssetPlan {
  kind: 'real_estate' | 'company_shares' | 'vessel' | 'aircraft' | 'securities' | 'cash' | 'other';
  description: string;
  /** The description in Ukrainian, for the news (the register keeps one text). */
  descriptionUk: string;
  owner: { type: 'person' | 'organization'; name: string };
  /** Months before today of the court decision. */
  decidedMonthsAgo: number;
  valuation: number;
  currency: 'UAH' | 'EUR' | 'USD';
  /** Months after the court decision that it was sold (when it was). */
  soldAfterMonths?: number;
  /** How far it has got: the last status reached. */
  reaches: 'seized' | 'confiscated' | 'in_management' | 'for_sale' | 'sold' | 'proceeds_received';
  sale?: { method: 'auction' | 'direct' | 'tender'; buyer: string; priceFactor: number; costsPercent: number };
}

// Former owners are invented (place names that exist nowhere), so they never match a real person or firm.
const ASSETS: AssetPlan[] = [
  {
    kind: 'real_estate',
    description: 'Warehouse complex, 6,200 m², with its land plot, in Kyiv region (Brovary district)',
    descriptionUk: 'Складський комплекс площею 6 200 м² із земельною ділянкою в Київській області (Броварський район)',
    owner: { type: 'organization', name: 'Tarkhovsk Metallurgical Holding JSC' },
    decidedMonthsAgo: 21,
    soldAfterMonths: 4,
    valuation: 36 * MILLION,
    currency: 'UAH',
    reaches: 'proceeds_received',
    sale: { method: 'auction', buyer: 'Sofiivka Logistics Park LLC', priceFactor: 1.14, costsPercent: 2 },
  },
  {
    kind: 'vessel',
    description: 'Motor yacht, 42 m, built 2016, arrested in the port of Izmail',
    descriptionUk: 'Моторна яхта завдовжки 42 м, 2016 року побудови, заарештована в порту Ізмаїл',
    owner: { type: 'person', name: 'Gennadii P. Tarkhovskyi' },
    decidedMonthsAgo: 17,
    soldAfterMonths: 5,
    valuation: 7 * MILLION,
    currency: 'USD',
    reaches: 'proceeds_received',
    sale: { method: 'auction', buyer: 'Adriatic Charter Holdings d.o.o.', priceFactor: 1.21, costsPercent: 4 },
  },
  {
    kind: 'securities',
    description: 'Portfolio of Ukrainian government bonds (OVDP) held through a nominee account',
    descriptionUk: 'Портфель облігацій внутрішньої державної позики (ОВДП) на номінальному рахунку',
    owner: { type: 'person', name: 'Vitalii S. Ozernyi' },
    decidedMonthsAgo: 13,
    soldAfterMonths: 3,
    valuation: 14 * MILLION,
    currency: 'UAH',
    reaches: 'proceeds_received',
    sale: { method: 'direct', buyer: 'Primary dealer bank (redemption at maturity)', priceFactor: 1.0, costsPercent: 0 },
  },
  {
    kind: 'real_estate',
    description: 'Hotel with 120 rooms and a conference centre, Lviv',
    descriptionUk: 'Готель на 120 номерів із конференц-центром, Львів',
    owner: { type: 'organization', name: 'Ozernogorsk Trade House LLC' },
    decidedMonthsAgo: 11,
    soldAfterMonths: 6,
    valuation: 180 * MILLION,
    currency: 'UAH',
    reaches: 'sold',
    sale: { method: 'auction', buyer: 'Halytska Hospitality Group LLC', priceFactor: 1.08, costsPercent: 2 },
  },
  {
    kind: 'company_shares',
    description: '76 % stake in a grain terminal operator, Mykolaiv',
    descriptionUk: '76 % часток оператора зернового термінала, Миколаїв',
    owner: { type: 'organization', name: 'Zhelezninsk Grain Export JSC' },
    decidedMonthsAgo: 9,
    valuation: 520 * MILLION,
    currency: 'UAH',
    reaches: 'for_sale',
  },
  {
    kind: 'other',
    description: 'Fleet of 64 heavy trucks and 30 trailers, impounded in Dnipro',
    descriptionUk: '64 вантажівки і 30 причепів, арештовані в Дніпрі',
    owner: { type: 'organization', name: 'Tarkhovsk Metallurgical Holding JSC' },
    decidedMonthsAgo: 6,
    valuation: 95 * MILLION,
    currency: 'UAH',
    reaches: 'in_management',
  },
  {
    kind: 'cash',
    description: 'Funds on the accounts of a sanctioned bank’s Ukrainian subsidiary',
    descriptionUk: 'Кошти на рахунках української дочірньої компанії підсанкційного банку',
    owner: { type: 'organization', name: 'Kholmovsk Commercial Bank JSC' },
    decidedMonthsAgo: 3,
    valuation: 44 * MILLION,
    currency: 'UAH',
    reaches: 'confiscated',
  },
  {
    kind: 'real_estate',
    description: 'Country residence with 2.3 ha of land, Kyiv region (Obukhiv district)',
    descriptionUk: 'Заміська резиденція із земельною ділянкою 2,3 га, Київська область (Обухівський район)',
    owner: { type: 'person', name: 'Vitalii S. Ozernyi' },
    decidedMonthsAgo: 1,
    valuation: 72 * MILLION,
    currency: 'UAH',
    reaches: 'seized',
  },
];

/** The Ukrainian description of a demo asset, from its description in the register (the text itself when it is not one of ours). */
export function assetDescriptionUk(description: string): string {
  return ASSETS.find((a) => a.description === description)?.descriptionUk ?? description;
}

const ASSET_STEPS = ['seized', 'confiscated', 'in_management', 'for_sale', 'sold', 'proceeds_received'] as const;

async function seedAssets(context: DemoContext, cast: FundCast): Promise<void> {
  const { now, random } = context;
  const { auth, actor } = cast.officer;
  let caseNumber = 1100 + intBetween(random, 0, 400);
  await inBatches(context, ASSETS, 5, async ({ db }, plan) => {
    const decided = addMonths(now, -plan.decidedMonthsAgo);
    const yearShort = String(decided.getUTCFullYear()).slice(2);
    caseNumber += intBetween(random, 30, 900);
    let asset = await createAsset(db, auth, actor, {
      kind: plan.kind,
      description: plan.description,
      formerOwner: plan.owner,
      legalBasis: { court: 'High Anti-Corruption Court of Ukraine (Law on Sanctions, art. 5-1)', decisionNumber: `991/${caseNumber}/${yearShort}`, decisionDate: isoDate(decided) },
      custodian: 'Asset Recovery and Management Agency (ARMA)',
    });
    const valuedOn = addDays(decided, intBetween(random, 20, 45));
    asset = await addValuation(db, actor, asset.id, { date: isoDate(valuedOn < now ? valuedOn : addDays(now, -1)), amount: plan.valuation, currency: plan.currency, valuer: pick(random, ['Ukrainian Appraisal Chamber (certified valuer)', 'State Property Fund: independent valuation', 'Certified valuer appointed by ARMA']) });
    const target = ASSET_STEPS.indexOf(plan.reaches);
    for (let step = 1; step <= target; step++) {
      const to = ASSET_STEPS[step]!;
      if (to === 'sold') {
        const sale = plan.sale!;
        const price = roundDown(plan.valuation * sale.priceFactor, 1000_00);
        const saleDate = addDays(addMonths(decided, plan.soldAfterMonths ?? 4), intBetween(random, 0, 20));
        asset = await recordSale(db, actor, asset.id, {
          date: isoDate(saleDate < now ? saleDate : addDays(now, -7)),
          method: sale.method,
          lotReference: sale.method === 'auction' ? `SALE-UA-${isoDate(saleDate).replaceAll('-', '')}-${intBetween(random, 10_000, 99_999)}` : undefined,
          buyerName: sale.buyer,
          price,
          costs: Math.floor((price * sale.costsPercent) / 100),
          currency: plan.currency,
        });
      }
      const note = to === 'for_sale' ? 'Put up for sale by ARMA after the confiscation became final.' : to === 'proceeds_received' ? 'Net proceeds received on the fund’s account.' : undefined;
      asset = await transitionAsset(db, actor, asset.id, { to, version: asset.version, ...(note ? { note } : {}) });
    }
  });
  context.progress(`fund: ${ASSETS.length} confiscated assets`);
}

// Donations, budget, exchange ---------------------------------------------------------------------------

interface InflowPlan {
  monthsAgo: number;
  kind: 'donation' | 'budget' | 'exchange';
  run: (db: DemoContext['db'], date: string) => Promise<unknown>;
}

async function seedInflows(context: DemoContext, cast: FundCast): Promise<void> {
  const { now, random } = context;
  const { auth, actor } = cast.officer;
  const donation = (monthsAgo: number, donor: { kind: 'state' | 'organization' | 'person'; name: string }, currency: 'UAH' | 'EUR' | 'USD', amount: number, earmark: { type: 'none' } | { type: 'capability' | 'program'; code: string } = { type: 'none' }): InflowPlan => ({
    monthsAgo,
    kind: 'donation',
    run: (db, date) => recordDonation(db, auth, actor, { donor, amount, currency, date, earmark }),
  });
  const budget = (monthsAgo: number, amount: number): InflowPlan => ({
    monthsAgo,
    kind: 'budget',
    run: (db, date) => {
      const quarter = quarterOf(new Date(`${date}T12:00:00Z`));
      return createEntry(db, actor, {
        currency: 'UAH',
        description: `State budget allocation to the special defense fund, ${quarter}`,
        referenceType: 'budget',
        referenceId: `budget-${quarter}`,
        effectiveDate: date,
        clientKey: `demo-budget-${quarter}`,
        postings: [
          { account: '1000.UAH.fund', direction: 'debit', amount },
          { account: '4200.UAH.budget', direction: 'credit', amount },
        ],
      });
    },
  });
  const nearly = (base: number) => roundDown(base * (0.85 + random() * 0.3), 100_000_00);
  const demining = `demining-${addDays(now, -12).getUTCFullYear()}`;
  const plans: InflowPlan[] = [
    donation(17, { kind: 'state', name: 'Kingdom of Nordhavn (Ministry of Defence)' }, 'EUR', nearly(12 * MILLION)),
    budget(15, nearly(140 * MILLION)),
    donation(15, { kind: 'organization', name: 'Baltic Defence Solidarity Foundation' }, 'EUR', nearly(1.5 * MILLION), { type: 'capability', code: 'air_defense' }),
    {
      monthsAgo: 15.5,
      kind: 'exchange',
      run: (db, date) =>
        exchange(db, actor, {
          from: '1000.EUR.fund',
          to: '1000.UAH.fund',
          amount: 1_500_000_00,
          rate: (44.2 + Math.floor(random() * 150) / 100).toFixed(4),
          rateSource: 'National Bank of Ukraine official rate',
          rateDate: date,
          effectiveDate: date,
          description: 'Exchange of EUR receipts into UAH for the fund’s calls',
          clientKey: 'demo-exchange-1',
        }),
    },
    donation(13, { kind: 'state', name: 'Republic of Estmark (Development Cooperation Agency)' }, 'USD', nearly(4 * MILLION), { type: 'capability', code: 'demining' }),
    budget(12, nearly(120 * MILLION)),
    donation(11, { kind: 'organization', name: 'Atlantic Industrial Resilience Trust' }, 'USD', nearly(2.5 * MILLION)),
    donation(10, { kind: 'person', name: 'Private donor (name withheld at the donor’s request)' }, 'UAH', nearly(6 * MILLION)),
    budget(9, nearly(120 * MILLION)),
    donation(8, { kind: 'state', name: 'Grand Duchy of Valdenz' }, 'EUR', nearly(5 * MILLION), { type: 'capability', code: 'uav' }),
    donation(7, { kind: 'organization', name: 'Maple Leaf Defence Aid Society' }, 'UAH', nearly(14 * MILLION)),
    budget(6, nearly(100 * MILLION)),
    donation(4, { kind: 'state', name: 'Kingdom of Nordhavn (Ministry of Defence)' }, 'EUR', nearly(8 * MILLION)),
    donation(2, { kind: 'organization', name: 'Baltic Defence Solidarity Foundation' }, 'UAH', nearly(9 * MILLION), { type: 'program', code: demining }),
    budget(3, nearly(80 * MILLION)),
    donation(1, { kind: 'state', name: 'Republic of Estmark (Development Cooperation Agency)' }, 'USD', nearly(1.2 * MILLION)),
  ];
  // Booked in date order, so tracing's first-in-first-out follows the calendar.
  await inBatches(context, plans.sort((a, b) => b.monthsAgo - a.monthsAgo), 20, async ({ db }, plan) => {
    const date = addDays(addMonths(now, -Math.floor(plan.monthsAgo)), -Math.round((plan.monthsAgo % 1) * 30) - intBetween(random, 0, 9));
    await plan.run(db, isoDate(date));
  });
  context.progress(`fund: ${plans.filter((p) => p.kind === 'donation').length} donations, ${plans.filter((p) => p.kind === 'budget').length} budget allocations`);
}

// Calls for proposals -----------------------------------------------------------------------------

interface CallPlan {
  code: string;
  families: string[];
  body: TCreateCall;
  /** When the call was published and closed (its window). */
  opensAt: Date;
  closesAt: Date;
  proposals: number;
  /** Requested amount range per proposal (minor units). */
  request: [number, number];
  /** Months between milestones, and months after closing the first falls due. */
  milestoneSpacing: number;
  firstDueAfterClose: number;
  /** Whether the call is decided in the demo (evaluated, ranked, awarded) or still open. */
  decided: boolean;
}

function planCalls(context: DemoContext): CallPlan[] {
  const { now } = context;
  const members = demoMembers(context).length;
  const scale = (share: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(members * share)));
  const criteria = (extra: { key: string; en: string; uk: string; weight: number }) => [
    { key: 'capacity_added', label: { en: 'Production capacity added in Ukraine', uk: 'Нові виробничі потужності в Україні' }, weight: 40, thresholdTenths: 25 },
    { key: 'value_for_money', label: { en: 'Value for money', uk: 'Економічна ефективність' }, weight: 30, thresholdTenths: 20 },
    { key: extra.key, label: { en: extra.en, uk: extra.uk }, weight: extra.weight, thresholdTenths: 20 },
  ];
  const call = (input: { code: string; families: string[]; titleEn: string; titleUk: string; textEn: string; textUk: string; budget: number; opensAt: Date; closesAt: Date; criterion: Parameters<typeof criteria>[0] }): TCreateCall => ({
    code: input.code,
    titleEn: input.titleEn,
    titleUk: input.titleUk,
    textEn: input.textEn,
    textUk: input.textUk,
    currency: 'UAH',
    budgetMinor: input.budget,
    capabilities: input.families,
    eligibility: 'members',
    opensAt: input.opensAt.toISOString(),
    closesAt: input.closesAt.toISOString(),
    requiredDocuments: [],
    criteria: criteria(input.criterion),
    overallThresholdTenths: 30,
    evaluatorsPerProposal: 2,
    disagreementLimitTenths: 15,
    minPartialPercent: 60,
  });
  const first = { opensAt: addMonths(now, -16), closesAt: addMonths(now, -13) };
  const second = { opensAt: addMonths(now, -8), closesAt: addMonths(now, -5) };
  const third = { opensAt: addDays(now, -12), closesAt: addDays(now, 40) };
  const ammunition = `ammunition-${first.opensAt.getUTCFullYear()}`;
  const drones = `uav-ew-${second.opensAt.getUTCFullYear()}`;
  const demining = `demining-${third.opensAt.getUTCFullYear()}`;
  const firstCount = scale(0.05, 4, 9);
  const secondCount = scale(0.04, 4, 7);
  return [
    {
      code: ammunition,
      families: ['ammunition'],
      ...first,
      proposals: firstCount,
      request: [8 * MILLION, 19 * MILLION],
      milestoneSpacing: 5,
      firstDueAfterClose: 4,
      decided: true,
      body: call({
        code: ammunition,
        families: ['ammunition'],
        ...first,
        budget: roundDown(firstCount * 11 * MILLION, 10 * MILLION),
        titleEn: 'Artillery ammunition made in Ukraine: shells, mortar rounds and propellant charges',
        titleUk: 'Артилерійські боєприпаси українського виробництва: снаряди, міни та метальні заряди',
        textEn:
          'The fund co-finances new or expanded production lines for artillery and mortar ammunition and propellant charges in Ukraine.\n\n' +
          'Who may apply: members of the Alliance of Defense Industries in good standing.\n' +
          'What is financed: equipment, tooling, qualification of lots and training of staff; at most 20 million hryvnias per proposal.\n' +
          'Payments follow milestones: each one is paid after the fund verifies the delivered batch.',
        textUk:
          'Фонд співфінансує нові або розширені лінії виробництва артилерійських і мінометних боєприпасів та метальних зарядів в Україні.\n\n' +
          'Хто може подати: учасники Альянсу оборонних індустрій із належним статусом.\n' +
          'Що фінансується: обладнання, оснащення, кваліфікаційні випробування партій і навчання персоналу; не більше 20 мільйонів гривень на пропозицію.\n' +
          'Виплати — за етапами: кожен етап оплачується після того, як фонд перевірить поставлену партію.',
        criterion: { key: 'local_content', en: 'Local content and supply chain in Ukraine', uk: 'Локальна складова і ланцюг постачання в Україні', weight: 30 },
      }),
    },
    {
      code: drones,
      families: ['uav', 'electronic_warfare'],
      ...second,
      proposals: secondCount,
      request: [8 * MILLION, 24 * MILLION],
      milestoneSpacing: 2,
      firstDueAfterClose: 2,
      decided: true,
      body: call({
        code: drones,
        families: ['uav', 'electronic_warfare'],
        ...second,
        budget: roundDown(secondCount * 13 * MILLION, 10 * MILLION),
        titleEn: 'Unmanned systems and electronic warfare: scaling up production',
        titleUk: 'Безпілотні системи і радіоелектронна боротьба: нарощування виробництва',
        textEn:
          'Grants for members that scale up the production of UAVs (strike, reconnaissance, FPV, long-range) and electronic warfare systems in Ukraine, with domestic components where possible.\n\n' +
          'Proposals are scored by two independent evaluators on capacity added, value for money and technology transfer.',
        textUk:
          'Гранти для учасників, які нарощують в Україні виробництво БпЛА (ударних, розвідувальних, FPV, великої дальності) і засобів радіоелектронної боротьби, з вітчизняними компонентами, де це можливо.\n\n' +
          'Пропозиції оцінюють двоє незалежних експертів за новими потужностями, економічною ефективністю і передачею технологій.',
        criterion: { key: 'technology_transfer', en: 'Technology transfer to Ukrainian partners', uk: 'Передача технологій українським партнерам', weight: 30 },
      }),
    },
    {
      code: demining,
      families: ['demining'],
      ...third,
      proposals: Math.min(3, members),
      request: [6 * MILLION, 18 * MILLION],
      milestoneSpacing: 3,
      firstDueAfterClose: 3,
      decided: false,
      body: call({
        code: demining,
        families: ['demining'],
        ...third,
        budget: 90 * MILLION,
        titleEn: 'Demining equipment: machines and kits for humanitarian demining',
        titleUk: 'Обладнання для розмінування: машини і комплекти для гуманітарного розмінування',
        textEn:
          'The fund finances the production in Ukraine of remote-controlled demining machines and demining kits for field teams. Donations earmarked for this programme are held apart for it.\n\n' +
          'The call is open: members of the Alliance submit their proposals on the platform before the closing date.',
        textUk:
          'Фонд фінансує виробництво в Україні дистанційно керованих машин розмінування і комплектів для польових груп. Пожертви, призначені для цієї програми, обліковуються окремо.\n\n' +
          'Конкурс відкритий: учасники Альянсу подають пропозиції на платформі до дати закриття.',
        criterion: { key: 'field_readiness', en: 'Readiness for field use', uk: 'Готовність до використання в полі', weight: 30 },
      }),
    },
  ];
}

/**
 * Members that make what the call buys come first; others fill up the list. A member with a confirmed
 * sanctions hit is passed over: the fund would refuse its proposal (as it should).
 */
async function applicantsFor(context: DemoContext, members: DemoCompany[], families: string[], count: number, used: Set<string>): Promise<DemoCompany[]> {
  const { random, db } = context;
  const fits = (company: DemoCompany) => company.capabilities.some((code) => families.some((family) => code === family || code.startsWith(`${family}.`)));
  const fresh = members.filter((m) => !used.has(m.organizationId));
  const ordered = [...shuffled(random, fresh.filter(fits)), ...shuffled(random, fresh.filter((m) => !fits(m))), ...shuffled(random, members.filter((m) => used.has(m.organizationId)))];
  const chosen: DemoCompany[] = [];
  for (const company of ordered) {
    if (chosen.length >= count) break;
    if ((await organizationScreening(db, company.organizationId)).status === 'confirmed_hit') continue;
    chosen.push(company);
    used.add(company.organizationId);
  }
  return chosen;
}

/** The product a company proposes: one in its own capabilities when it has one, else any of the call's. */
function productFor(random: () => number, company: DemoCompany, families: string[]): Product {
  const options = families.flatMap((family) => PRODUCTS[family] ?? []);
  const own = options.filter((p) => company.capabilities.some((code) => code === p.capability || p.capability.startsWith(`${code}.`) || code.startsWith(`${p.capability}.`)));
  return pick(random, own.length ? own : options);
}

/** A score in tenths (multiple of 5, 0–50) around `center`. */
function scoreNear(random: () => number, center: number, spread: number): number {
  const value = center + (random() * 2 - 1) * spread;
  return Math.max(0, Math.min(50, Math.round(value / 5) * 5));
}

async function runCall(context: DemoContext, cast: FundCast, plan: CallPlan, members: DemoCompany[], used: Set<string>): Promise<void> {
  const { db, random, now } = context;
  const officer = cast.officer;
  const draft = await createCall(db, officer.actor, plan.body);
  const call = await transitionCall(db, officer.actor, draft.id, { action: 'publish', version: draft.version }, plan.opensAt);
  const applicants = await applicantsFor(context, members, plan.families, Math.min(plan.proposals, members.length), used);
  const window = plan.closesAt.getTime() - plan.opensAt.getTime();
  const lastSubmission = Math.min(plan.closesAt.getTime(), now.getTime()) - 3_600_000;
  const proposals: Array<{ id: string; version: number; company: DemoCompany; quality: number }> = [];
  await inBatches(context, applicants, 10, async ({ db }, company, index) => {
    const product = productFor(random, company, plan.families);
    const requested = roundDown(plan.request[0] + random() * (plan.request[1] - plan.request[0]), 100_000_00);
    // At most 9.5 million a stage: one approver besides the preparer suffices below 10 million (the default limit).
    const milestoneCount = Math.max(2, Math.min(3, Math.ceil(requested / (9.5 * MILLION))));
    const firstDue = addMonths(plan.closesAt, plan.firstDueAfterClose);
    const yearly = intBetween(random, product.quantity[0], product.quantity[1]);
    const share = Math.floor(requested / milestoneCount);
    const milestones = Array.from({ length: milestoneCount }, (_, i) => {
      const due = addMonths(firstDue, i * plan.milestoneSpacing);
      return { deliverable: `${product.deliverable} (stage ${i + 1} of ${milestoneCount})`, dueDate: isoDate(due), amountMinor: i === milestoneCount - 1 ? requested - share * (milestoneCount - 1) : share };
    });
    // Promised capacity per calendar year the milestones fall in, in proportion to the stages due then.
    const perYear = new Map<string, number>();
    for (const m of milestones) perYear.set(m.dueDate.slice(0, 4), (perYear.get(m.dueDate.slice(0, 4)) ?? 0) + 1);
    const capacity = [...perYear].map(([year, stages]) => ({ capability: product.capability, period: year, quantity: Math.max(1, Math.round((yearly * stages) / milestoneCount)) }));
    const equipment = roundDown(requested * (0.55 + random() * 0.2), 100_000_00);
    const proposal = await createProposal(db, company.user.auth, company.user.actor, call.id, {
      title: `${product.title} — ${company.name}`.slice(0, 300),
      summary:
        `${company.name} proposes to ${product.title.charAt(0).toLowerCase()}${product.title.slice(1)}, reaching about ${yearly.toLocaleString('en-US')} units a year at full rate.\n` +
        `The grant pays for equipment and tooling, qualification of the first lots and training; ${company.domestic ? 'the company produces in Ukraine already and expands its line' : 'production is localized with a Ukrainian partner under a licence agreement'}.`,
      requestedMinor: requested,
      cofinancingMinor: chance(random, 0.6) ? roundDown(requested * (0.1 + random() * 0.4), 100_000_00) : 0,
      capacity,
      milestones,
      budgetLines: [
        { item: 'Production equipment and tooling', amountMinor: equipment },
        { item: 'Lot qualification and testing', amountMinor: roundDown((requested - equipment) / 2, 100_000_00) },
        { item: 'Training and quality system', amountMinor: requested - equipment - roundDown((requested - equipment) / 2, 100_000_00) },
      ],
      documentIds: [],
    });
    const last = index === applicants.length - 1 && !plan.decided;
    if (last && applicants.length > 1) return; // an open call keeps one proposal still in draft
    const submittedAt = new Date(plan.opensAt.getTime() + ((index + 1) / (applicants.length + 1)) * Math.min(window, lastSubmission - plan.opensAt.getTime()));
    const submitted = await transitionProposal(db, company.user.auth, company.user.actor, proposal.id, { action: 'submit', version: proposal.version }, submittedAt);
    proposals.push({ id: submitted.id, version: submitted.version, company, quality: 18 + random() * 30 });
  });
  if (!plan.decided) {
    context.progress(`fund: call ${plan.code} open with ${proposals.length} submitted proposals`);
    return;
  }

  // Evaluation: both evaluators declare no conflict and score; the officer records the consensus.
  const criteria = plan.body.criteria.map((c) => c.key);
  await inBatches(context, proposals, 6, async ({ db }, proposal) => {
    await assignEvaluators(db, officer.auth, officer.actor, proposal.id, cast.evaluators.map((e) => e.id));
    // A few proposals split the evaluators (the disagreement view flags them).
    const disputed = chance(random, 0.15);
    const given: Array<Record<string, number>> = [];
    let detail: { version: number } | undefined;
    for (const [index, evaluator] of cast.evaluators.entries()) {
      await declare(db, evaluator.auth, evaluator.actor, proposal.id, { conflict: false, version: 1 });
      const scores = Object.fromEntries(criteria.map((key) => [key, scoreNear(random, proposal.quality + (disputed ? (index === 0 ? 9 : -9) : 0), disputed ? 4 : 6)]));
      given.push(scores);
      detail = await submitScores(db, evaluator.auth, evaluator.actor, proposal.id, {
        version: 2,
        scores: Object.fromEntries(criteria.map((key) => [key, { scoreTenths: scores[key]!, comment: pick(random, EVALUATOR_COMMENTS) }])),
      });
    }
    const consensus = Object.fromEntries(
      criteria.map((key) => {
        const mean = given.reduce((sum, s) => sum + s[key]!, 0) / given.length;
        return [key, { scoreTenths: Math.round(mean / 5) * 5, reason: disputed ? 'Evaluators discussed the diverging scores; the panel agreed on the average after checking the capacity figures.' : 'Average of the two evaluations, confirmed by the panel.' }];
      }),
    );
    await recordConsensus(db, officer.auth, officer.actor, proposal.id, { version: detail!.version, scores: consensus });
  });
  const ranked = await rankCall(db, officer.actor, call.id, call.version);
  const awarded = await awardCall(db, officer.actor, call.id, call.version + 1);
  context.progress(`fund: call ${plan.code}: ${proposals.length} proposals evaluated, ${ranked.items.filter((i) => i.outcome === 'funded' || i.outcome === 'partially_funded').length} awarded`);
  await runAwards(context, cast, awarded.id, members);
}

// Awards: milestones reported, verified and paid ------------------------------------------------------

async function runAwards(context: DemoContext, cast: FundCast, callId: string, members: DemoCompany[]): Promise<void> {
  const { db, random, now } = context;
  const { officer, second } = cast;
  const blobs = new BlobStore(context.deps.config.dataDir);
  const byOrganization = new Map(members.map((m) => [m.organizationId, m]));
  const list = await listAwards(db, officer.auth, { callId, limit: 1000, offset: 0 });
  const awards = [...list.items].sort((a, b) => a.agreementNumber.localeCompare(b.agreementNumber));
  const today = isoDate(now);
  let paid = 0;
  let failedOne = false;
  let clawedBack = false;
  await inBatches(context, awards, 3, async ({ db }, summary) => {
    const company = byOrganization.get(summary.organizationId);
    if (!company) return;
    let award = await awardDetail(db, officer.auth, summary.id);
    let paidOnAward = 0;
    const due = award.milestones.filter((m) => m.dueDate <= today).sort((a, b) => a.seq - b.seq);
    for (const [index, milestone] of due.entries()) {
      const lastDue = index === due.length - 1;
      // The newest milestone due is often still in the works: reported and waiting, or not reported yet.
      const stage = lastDue ? pick(random, ['paid', 'paid', 'prepared', 'verified', 'reported', 'planned'] as const) : 'paid';
      if (stage === 'planned') break;
      const delivered = award.capacityPromised
        .filter((line) => line.period === milestone.dueDate.slice(0, 4))
        .map((line) => ({ capability: line.capability, period: line.period, quantity: Math.max(1, Math.round(line.quantity / Math.max(1, award.milestones.filter((m) => m.dueDate.slice(0, 4) === line.period).length))) }));
      const evidence = await uploadDocument(db, blobs, company.user.auth, company.user.actor, company.organizationId, {
        type: 'other',
        fileName: `acceptance-${award.agreementNumber}-stage-${milestone.seq}.pdf`,
        title: `Acceptance certificate, ${award.agreementNumber}, stage ${milestone.seq}`,
        bytes: demoPdf(`Acceptance certificate ${award.agreementNumber}, stage ${milestone.seq}`, [
          `Recipient: ${company.name}`,
          `Deliverable: ${milestone.deliverable}`,
          `Due: ${milestone.dueDate}`,
          'Accepted by the military representative after lot testing.',
          'Demo document: fictional data generated by the ADI Platform demo.',
        ]),
      });
      award = await reportMilestone(db, company.user.auth, company.user.actor, award.id, milestone.id, {
        version: milestone.version,
        reportText: `Stage ${milestone.seq} delivered: ${milestone.deliverable.toLowerCase()}. Acceptance certificate attached.`,
        evidenceDocumentIds: [evidence.id],
        capacityDelivered: delivered,
      });
      if (stage === 'reported') break;
      const reported = award.milestones.find((m) => m.id === milestone.id)!;
      // One delivery in the demo fails its verification: the reservation is released, nothing is paid.
      if (!failedOne && chance(random, 0.08)) {
        failedOne = true;
        award = await verifyMilestone(db, officer.auth, officer.actor, award.id, milestone.id, { version: reported.version, decision: 'failed', note: 'The delivered lot failed acceptance testing (dispersion above the specification); the stage is not paid.' });
        break;
      }
      award = await verifyMilestone(db, officer.auth, officer.actor, award.id, milestone.id, { version: reported.version, decision: 'verified', note: 'Acceptance certificate checked against the delivery note; quantities confirmed.' });
      if (stage === 'verified') break;
      const prepared = await prepareDisbursement(db, officer.auth, officer.actor, award.id, milestone.id);
      // Prepared by one fund officer, it waits for another's approval (four eyes).
      if (stage === 'prepared') break;
      const approved = await approveDisbursement(db, second.auth, second.actor, prepared.id, prepared.version);
      if (approved.status === 'paid') {
        paid += 1;
        paidOnAward += approved.amountMinor;
      }
    }
    // One recipient returns part of a payment (a batch found defective after acceptance).
    if (!clawedBack && paidOnAward > 0 && chance(random, 0.25)) {
      clawedBack = true;
      await clawBack(db, officer.auth, officer.actor, award.id, { amountMinor: roundDown(paidOnAward * 0.1, 10_000_00), reason: 'Part of a delivered batch was found defective in service; the recipient returned the corresponding share of the payment.' });
    }
  });
  context.progress(`fund: ${awards.length} awards, ${paid} milestone payments`);
}

