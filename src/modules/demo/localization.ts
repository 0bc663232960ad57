import { createNeed, decideReport, fileReport, listCategories, reviseNeed, reviseReport } from '../localization/service.ts';
import { chance, intBetween, previousQuarter, quarterOf, shuffled } from './calendar.ts';
import { type DemoCompany, type DemoContext, demoMembers, inBatches } from './context.ts';

// Localization: what the country needs per category and period (entered by an officer, some revised),
// and what member companies report they make here (domestic output, capacity, imported content),
// confirmed by an officer before it counts; a couple of reports are returned for correction (one is
// corrected and confirmed), a few wait for a decision. The gaps dashboard then shows coverage per
// category, and the public aggregates show it with small or dominated figures suppressed.

/** At most this many members report yearly figures, and this many quarterly ones (the seed must stay quick). */
const MAX_YEARLY_REPORTERS = 60;
const MAX_QUARTERLY_REPORTERS = 16;

/** Yearly output range of one company, by category code prefix (longest match wins), in the category's unit. */
const OUTPUT_RANGES: Array<[string, number, number]> = [
  // Within a category the largest producer makes at most four times the smallest, so three reports are
  // usually enough to publish a figure (no single company above the dominance limit).
  ['ammunition', 10_000, 40_000],
  ['ammunition.artillery', 15_000, 60_000],
  ['ammunition.propellants', 20_000, 80_000],
  ['uav', 200, 800],
  ['uav.fpv', 5_000, 20_000],
  ['uav.strike', 100, 400],
  ['uav.long_range', 20, 80],
  ['ugv', 30, 120],
  ['maritime_drones', 10, 40],
  ['electronic_warfare', 200, 800],
  ['electronic_warfare.sigint', 15, 60],
  ['air_defense', 20, 80],
  ['air_defense.radars', 5, 20],
  ['armored_vehicles', 20, 80],
  ['armored_vehicles.repair', 50, 200],
  ['artillery', 5, 20],
  ['artillery.barrels', 30, 120],
  ['missiles', 10, 40],
  ['demining', 100, 400],
  ['demining.machines', 5, 20],
  ['communications', 2_000, 8_000],
  ['optics', 1_000, 4_000],
  ['small_arms', 2_000, 8_000],
  ['naval', 2, 8],
  ['protective_equipment', 10_000, 40_000],
  ['medical', 5_000, 20_000],
  ['repair', 50, 200],
  ['components', 20_000, 80_000],
  ['software', 100, 400],
];

const IMPORTED_COMPONENTS: Record<string, string[]> = {
  ammunition: ['Nitrocellulose', 'Fuzes', 'Copper driving bands', 'TNT filling'],
  uav: ['Flight controllers', 'Brushless motors', 'Thermal cameras', 'Lithium-ion cells', 'GNSS receivers'],
  electronic_warfare: ['RF power amplifiers', 'FPGA boards', 'SDR modules'],
  air_defense: ['Radar signal processors', 'Seeker heads', 'Rocket motors'],
  armored_vehicles: ['Diesel engines', 'Transmissions', 'Armour steel plate'],
  artillery: ['Barrel forgings', 'Hydraulic recoil systems'],
  communications: ['RF chipsets', 'Encryption modules'],
  optics: ['Image intensifier tubes', 'Germanium lenses', 'Microbolometer sensors'],
  demining: ['Hydraulic flails', 'Ground-penetrating radar units'],
  components: ['Semiconductors', 'Connectors', 'Printed circuit boards'],
};

function rangeFor(code: string): [number, number] {
  let best: [string, number, number] | undefined;
  for (const entry of OUTPUT_RANGES) if ((code === entry[0] || code.startsWith(`${entry[0]}.`)) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? [best[1], best[2]] : [50, 2_000];
}

/** Two significant figures: needs are planning figures, not counts. */
function planningFigure(value: number): number {
  if (value < 100) return Math.max(1, Math.round(value));
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

interface Filing {
  company: DemoCompany;
  category: string;
  period: string;
  output: number;
  capacity: number;
  importedPct: number;
  components: string[];
}

/** Seeds needs, capacity reports and their decisions. */
export async function seedLocalization(context: DemoContext): Promise<void> {
  const { db, random, now, staff } = context;
  const officer = staff.officer;
  const categories = (await listCategories(db)).items.filter((c) => !c.archived);
  const known = new Set(categories.map((c) => c.code));
  const year = now.getUTCFullYear();
  const lastYear = String(year - 1);
  const latestQuarter = previousQuarter(quarterOf(now));
  const quarterBefore = previousQuarter(latestQuarter);

  // Who reports what: a member reports in its first capability that is a category of the taxonomy.
  const reporters = demoMembers(context).filter((company) => company.capabilities.some((code) => known.has(code)));
  const yearly = shuffled(random, reporters).slice(0, MAX_YEARLY_REPORTERS);
  const quarterly = shuffled(random, yearly).slice(0, MAX_QUARTERLY_REPORTERS);
  const filings: Filing[] = [];
  const figures = (company: DemoCompany, category: string, period: string, share: number): Filing => {
    const [min, max] = rangeFor(category);
    const output = Math.max(1, Math.round(intBetween(random, min, max) * share));
    const family = category.split('.')[0]!;
    const importedPct = company.domestic ? intBetween(random, 8, 35) : intBetween(random, 25, 70);
    const options = IMPORTED_COMPONENTS[family] ?? ['Electronic components', 'Special steels'];
    return { company, category, period, output, capacity: Math.round(output * (1.1 + random() * 0.8)), importedPct, components: shuffled(random, options).slice(0, intBetween(random, 1, Math.min(3, options.length))) };
  };
  for (const company of yearly) {
    const category = company.capabilities.find((code) => known.has(code))!;
    filings.push(figures(company, category, lastYear, 1));
  }
  for (const company of quarterly) {
    const category = company.capabilities.find((code) => known.has(code))!;
    filings.push(figures(company, category, quarterBefore, 0.25));
    filings.push(figures(company, category, latestQuarter, 0.28));
  }

  // Needs: per reported category a yearly need that domestic output covers in part, the next year's
  // need higher; quarterly needs where companies report quarters; and a few categories nobody makes yet.
  const outputByCategory = new Map<string, number>();
  for (const filing of filings.filter((f) => f.period === lastYear)) outputByCategory.set(filing.category, (outputByCategory.get(filing.category) ?? 0) + filing.output);
  const needs: Array<{ categoryCode: string; period: string; quantity: number; note?: string }> = [];
  for (const [category, output] of [...outputByCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const need = planningFigure(output / (0.25 + random() * 0.6));
    needs.push({ categoryCode: category, period: lastYear, quantity: need, note: 'Annual requirement agreed with the Ministry of Defence.' });
    needs.push({ categoryCode: category, period: String(year), quantity: planningFigure(need * (1.1 + random() * 0.3)), note: 'Planning figure; revised each quarter.' });
  }
  const quarterlyCategories = [...new Set(filings.filter((f) => f.period === latestQuarter).map((f) => f.category))].sort().slice(0, 6);
  for (const category of quarterlyCategories) {
    const annual = needs.find((n) => n.categoryCode === category && n.period === lastYear)!.quantity;
    for (const period of [quarterBefore, latestQuarter]) needs.push({ categoryCode: category, period, quantity: planningFigure((annual * (1.05 + random() * 0.2)) / 4) });
  }
  for (const category of ['air_defense.interceptors', 'missiles', 'artillery.barrels', 'naval']) {
    if (!known.has(category) || outputByCategory.has(category)) continue;
    const [min, max] = rangeFor(category);
    const need = planningFigure(max * (1 + random()));
    needs.push({ categoryCode: category, period: lastYear, quantity: need, note: 'No domestic producer yet: a priority for localization.' });
    needs.push({ categoryCode: category, period: String(year), quantity: planningFigure(Math.max(min, need) * (1.1 + random() * 0.3)) });
  }
  const created: Array<Awaited<ReturnType<typeof createNeed>>> = [];
  await inBatches(context, needs, 25, async (batch, need) => {
    created.push(await createNeed(batch.db, officer.actor, need));
  });
  // A few planning figures are revised during the year; the earlier versions stay in their history.
  const revised = shuffled(random, created.filter((n) => n.period === String(year))).slice(0, 3);
  await inBatches(context, revised, 25, async (batch, need) => {
    await reviseNeed(batch.db, officer.actor, need.id, { version: need.version, quantity: planningFigure(need.quantity * (1.15 + random() * 0.2)), reason: 'Raised after the quarterly review of consumption at the front.' });
  });

  // Filings by the companies, decided by officers: most confirmed, two returned (one corrected and
  // confirmed), the newest few still waiting.
  let confirmed = 0;
  let returned = 0;
  let waiting = 0;
  await inBatches(context, filings, 25, async (batch, filing, index) => {
    const { db } = batch;
    const { company } = filing;
    const report = await fileReport(db, company.user.auth, company.user.actor, {
      categoryCode: filing.category,
      period: filing.period,
      domesticOutput: filing.output,
      capacity: filing.capacity,
      importedContentPercent: filing.importedPct,
      importedComponents: filing.components,
      evidenceDocumentIds: [],
      note: filing.period === lastYear ? 'Annual figures from the production records.' : undefined,
    });
    const latest = filing.period === latestQuarter;
    if (latest && (index % 7 === 3 || chance(random, 0.1))) {
      waiting += 1;
      return;
    }
    const decider = index % 5 === 0 ? staff.officer2 : officer;
    if ((index === 4 || index === 9) && filing.period === lastYear) {
      returned += 1;
      const reason = returned === 1 ? 'The capacity figure is below the output of the previous quarters; please check the unit (rounds, not boxes).' : 'Imported content is missing its main components; list them and attach the production report.';
      const back = await decideReport(db, decider.auth, decider.actor, report.id, { action: 'return', version: report.version, reason });
      if (returned === 1) {
        const corrected = await reviseReport(db, company.user.auth, company.user.actor, report.id, {
          version: back.version,
          domesticOutput: filing.output,
          capacity: Math.round(filing.capacity * 1.2),
          importedContentPercent: filing.importedPct,
          importedComponents: filing.components,
          evidenceDocumentIds: [],
          note: 'Corrected: capacity counted in rounds.',
        });
        await decideReport(db, decider.auth, decider.actor, report.id, { action: 'confirm', version: corrected.version });
        confirmed += 1;
      }
      return;
    }
    await decideReport(db, decider.auth, decider.actor, report.id, { action: 'confirm', version: report.version });
    confirmed += 1;
  });
  context.progress(`localization: ${created.length} needs, ${filings.length} capacity reports (${confirmed} confirmed, ${returned} returned, ${waiting} waiting)`);
}
