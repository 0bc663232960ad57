// The B2B meeting scheduler of forums (issue #9, docs/decisions/0014-meeting-scheduler.md). Pure: no I/O.
//
// Accepted meeting requests go into (slot, table) pairs so that nobody and no table is in two places at
// once, nobody is booked when they said they cannot come, and as many meetings as possible are held
// (higher `priority` first when not everything fits). Already confirmed meetings stay where they are.
//
// Tables are interchangeable (any free table hosts any meeting), so the search works on slots with a
// capacity of "number of tables" per slot and hands out table ids at the end; a kept confirmed meeting
// keeps its own table.
//
// `scheduleMeetings`:
// 1. Keep every confirmed (`fixed`) meeting whose place is still valid; the others are `displaced` and
//    scheduled afresh. Kept ones never move.
// 2. Build three first timetables and start from the best: the first-come baseline, most constrained
//    meeting first and least busy people first (orders re-judged as slots fill, as DSatur does for graph
//    colouring), each meeting into the open slot its people's other waiting meetings need least.
// 3. Repair, one round at a time, each meeting left out in turn:
//    - an ejection chain: put it in a slot where one or two movable meetings of its people are in the way
//      (or, in a full slot, one meeting to make room) and move those elsewhere, each possibly pushing on
//      one more, up to a depth; applied only if everything pushed out finds a new place;
//    - else, if priorities differ, take the place of meetings of lower priority;
//    - else a (1, 2) swap: give up the one meeting in its way if that lets a waiting meeting of the
//      given-up meeting's people in.
//    No move lowers the count of meetings held at any priority, highest first.
// 4. After a round that found nothing, perturb without losing anything: move some meetings to other
//    free slots and swap some waiting meetings for the one meeting that blocks them, then repair again.
//    Stop when nothing waits, every table is taken, after a few fruitless rounds, a round limit or the
//    time budget; a last pass puts in whatever fits directly.

import { seededRandom } from '../../core/random.ts';

/** The input of a scheduling run: slots, tables, people and the meetings to place. */
export interface SchedulingProblem {
  /** Time slots in chronological order; ids unique. */
  slots: Array<{ id: string }>;
  /** Tables (or rooms); each hosts at most one meeting per slot. */
  tables: Array<{ id: string }>;
  /**
   * People who may take part; `unavailableSlotIds` are slots they cannot attend (a session they speak at,
   * a day they are absent). A person named by a meeting but missing here is treated as always available.
   */
  people: Array<{ id: string; unavailableSlotIds: string[] }>;
  /**
   * Meetings to hold (accepted requests). Every person in `personIds` must attend (usually one requester
   * delegate and one or more recipient delegates). `fixed` = already confirmed placement that must be kept.
   * `priority` optional, higher first when not everything fits (default 0).
   */
  meetings: Array<{ id: string; personIds: string[]; fixed?: { slotId: string; tableId: string }; priority?: number }>;
}

/** One meeting held: when and at which table. */
export interface Placement {
  meetingId: string;
  slotId: string;
  tableId: string;
}

/** Why a meeting could not be placed. */
export type UnplacedReason = 'no_common_free_slot' | 'no_table' | 'conflicts';

/** The outcome of a scheduling run. */
export interface ScheduleResult {
  /** Every meeting held, including kept fixed ones; in slot order, then table order. */
  placements: Placement[];
  /**
   * Meetings left out. `no_common_free_slot`: its people share no slot they can all attend (counting
   * confirmed meetings as taken); `no_table`: some slots suit all of them but every table there is taken;
   * `conflicts`: every slot that suits them holds another meeting of one of them.
   */
  unplaced: Array<{ meetingId: string; reason: UnplacedReason }>;
  /**
   * Fixed meetings that could not be kept because they now break a rule (a person became unavailable, two
   * fixed meetings share a person/table, the slot or table was removed); they were then scheduled afresh
   * if possible.
   */
  displaced: string[];
  stats: { meetings: number; placed: number; keptFixed: number; milliseconds: number };
}

/** Tuning of `scheduleMeetings`; the defaults suit a forum of a few thousand meetings. */
export interface ScheduleOptions {
  /** Seed of the random choices (where chains start looking, what perturbations move); same seed, same timetable. */
  seed?: number;
  /**
   * Wall-clock cap on the repair rounds. The result depends only on the seed unless this cap cuts the
   * search short (then a slower machine may stop earlier); `maxRounds` is the deterministic limit.
   */
  timeBudgetMs?: number;
  /** Most repair rounds (a round tries every meeting left out once). */
  maxRounds?: number;
}

const DEFAULT_SEED = 20_260_909;
const DEFAULT_TIME_BUDGET_MS = 2_000;
const DEFAULT_MAX_ROUNDS = 60;
/** Rounds in a row that may find nothing before the search gives up. */
const FRUITLESS_ROUNDS_LIMIT = 8;
/** How many meetings an ejection may push on from the one it displaced (the chain's length). */
const CHAIN_DEPTH = 4;
/** In a full slot, how many of its meetings to try moving out to make room (each try explores a chain). */
const ROOM_MAKING_TRIES = 3;
/** Share of the movable placed meetings moved to another free slot after a fruitless round. */
const SHUFFLE_SHARE = 0.05;
/** Share of the waiting meetings swapped in for a blocking meeting after a fruitless round. */
const SWAP_SHARE = 0.2;

/**
 * Orders for the first timetable. Most constrained first wins when nearly everything fits (the hard
 * meetings get their few slots); least busy people first wins when people have more meetings than slots
 * (a meeting of an overbooked person is the one to give up). Both are cheap: build both, keep the better.
 */
type StartOrder = 'most_constrained' | 'least_busy';
const START_ORDERS: StartOrder[] = ['most_constrained', 'least_busy'];

/** Schedules the meetings: the best of three greedy starts, then repair by ejection chains and swaps (see the header). */
export function scheduleMeetings(problem: SchedulingProblem, options: ScheduleOptions = {}): ScheduleResult {
  const started = performance.now();
  const model = buildModel(problem);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const deadline = started + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;

  let timetable = newTimetable(model);
  placeFirstCome(model, timetable);
  for (const order of START_ORDERS) {
    const candidate = newTimetable(model);
    placeByConstraint(model, candidate, order);
    if (compareOutcome(model, candidate, timetable) > 0) timetable = candidate;
  }

  new Repair(model, timetable, random).run(deadline, maxRounds);
  return present(model, timetable, started);
}

/** Baseline: meetings in the given order, each in the first slot where all its people and a table are free. */
export function scheduleGreedy(problem: SchedulingProblem): ScheduleResult {
  const started = performance.now();
  const model = buildModel(problem);
  const timetable = newTimetable(model);
  placeFirstCome(model, timetable);
  return present(model, timetable, started);
}

/**
 * Lists every rule a set of placements breaks (empty = valid): unknown meeting, slot or table; a meeting
 * placed twice; a table or a person booked twice in a slot; a person booked in a slot they cannot attend.
 * Each entry starts with a code (`person_double_booked: …`) so callers can tell them apart.
 */
export function validateSchedule(problem: SchedulingProblem, placements: Placement[]): string[] {
  const violations: string[] = [];
  const slotIds = new Set(problem.slots.map((slot) => slot.id));
  const tableIds = new Set(problem.tables.map((table) => table.id));
  const meetings = new Map(problem.meetings.map((meeting) => [meeting.id, meeting]));
  const unavailable = new Map(problem.people.map((person) => [person.id, new Set(person.unavailableSlotIds)]));
  const placedMeetings = new Set<string>();
  // Per slot: who holds each table, and which meeting each person is in.
  const tableHolder = new Map<string, Map<string, string>>();
  const personHolder = new Map<string, Map<string, string>>();
  const inSlot = (holders: Map<string, Map<string, string>>, slotId: string) => {
    let map = holders.get(slotId);
    if (!map) holders.set(slotId, (map = new Map()));
    return map;
  };

  for (const { meetingId, slotId, tableId } of placements) {
    const meeting = meetings.get(meetingId);
    if (!meeting) {
      violations.push(`unknown_meeting: ${meetingId} is not a meeting of this problem`);
      continue;
    }
    if (placedMeetings.has(meetingId)) {
      violations.push(`duplicate_placement: meeting ${meetingId} is placed more than once`);
      continue;
    }
    placedMeetings.add(meetingId);
    if (!slotIds.has(slotId)) violations.push(`unknown_slot: meeting ${meetingId} is in slot ${slotId}, which does not exist`);
    if (!tableIds.has(tableId)) violations.push(`unknown_table: meeting ${meetingId} is at table ${tableId}, which does not exist`);
    const tables = inSlot(tableHolder, slotId);
    const tableTaken = tables.get(tableId);
    if (tableTaken !== undefined) violations.push(`table_double_booked: table ${tableId} in slot ${slotId} holds meetings ${tableTaken} and ${meetingId}`);
    else tables.set(tableId, meetingId);
    const persons = inSlot(personHolder, slotId);
    for (const personId of new Set(meeting.personIds)) {
      if (unavailable.get(personId)?.has(slotId)) violations.push(`person_unavailable: ${personId} cannot attend slot ${slotId} (meeting ${meetingId})`);
      const personTaken = persons.get(personId);
      if (personTaken !== undefined) violations.push(`person_double_booked: ${personId} is in meetings ${personTaken} and ${meetingId} in slot ${slotId}`);
      else persons.set(personId, meetingId);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------------
// The problem in integer indices, and the confirmed meetings that can be kept.

interface Model {
  problem: SchedulingProblem;
  slotCount: number;
  tableCount: number;
  meetingCount: number;
  /** Persons of meeting m: personList[personStart[m] .. personStart[m + 1]). */
  personStart: Int32Array;
  personList: Int32Array;
  /** Person × slot: 1 when the person cannot attend. */
  unavailable: Uint8Array;
  personCount: number;
  priority: Float64Array;
  /** Kept confirmed meetings: their slot and table index; -1 for every other meeting. */
  keptSlot: Int32Array;
  keptTable: Int32Array;
  keptCount: number;
  displaced: string[];
  /** Whether meetings have different priorities (otherwise the priority moves are skipped). */
  prioritiesDiffer: boolean;
}

function buildModel(problem: SchedulingProblem): Model {
  const slotIndex = indexIds(problem.slots, 'slot');
  const tableIndex = indexIds(problem.tables, 'table');
  const personIndex = indexIds(problem.people, 'person');
  indexIds(problem.meetings, 'meeting');
  const slotCount = problem.slots.length;
  const meetingCount = problem.meetings.length;

  const personStart = new Int32Array(meetingCount + 1);
  const persons: number[] = [];
  problem.meetings.forEach((meeting, m) => {
    for (const personId of new Set(meeting.personIds)) {
      let p = personIndex.get(personId);
      if (p === undefined) {
        p = personIndex.size;
        personIndex.set(personId, p);
      }
      persons.push(p);
    }
    personStart[m + 1] = persons.length;
  });
  const personList = Int32Array.from(persons);
  const personCount = personIndex.size;

  const unavailable = new Uint8Array(personCount * slotCount);
  problem.people.forEach((person, p) => {
    for (const slotId of person.unavailableSlotIds) {
      const s = slotIndex.get(slotId);
      if (s !== undefined) unavailable[p * slotCount + s] = 1;
    }
  });

  const priority = Float64Array.from(problem.meetings, (meeting) => meeting.priority ?? 0);
  const prioritiesDiffer = priority.some((value) => value !== priority[0]);

  // Confirmed meetings are checked in priority order, then as given: when two now collide, the more
  // important (or the earlier) one stays and the other is scheduled afresh.
  const keptSlot = new Int32Array(meetingCount).fill(-1);
  const keptTable = new Int32Array(meetingCount).fill(-1);
  const personTaken = new Uint8Array(personCount * slotCount);
  const tableTaken = new Uint8Array(slotCount * Math.max(1, problem.tables.length));
  const displaced: string[] = [];
  let keptCount = 0;
  const confirmed = problem.meetings.map((_, m) => m).filter((m) => problem.meetings[m].fixed);
  confirmed.sort((a, b) => priority[b] - priority[a] || a - b);
  for (const m of confirmed) {
    const fixed = problem.meetings[m].fixed!;
    const s = slotIndex.get(fixed.slotId);
    const t = tableIndex.get(fixed.tableId);
    let keepable = s !== undefined && t !== undefined && !tableTaken[s * problem.tables.length + t];
    for (let i = personStart[m]; keepable && i < personStart[m + 1]; i++) {
      const cell = personList[i] * slotCount + s!;
      if (unavailable[cell] || personTaken[cell]) keepable = false;
    }
    if (!keepable) {
      displaced.push(problem.meetings[m].id);
      continue;
    }
    tableTaken[s! * problem.tables.length + t!] = 1;
    for (let i = personStart[m]; i < personStart[m + 1]; i++) personTaken[personList[i] * slotCount + s!] = 1;
    keptSlot[m] = s!;
    keptTable[m] = t!;
    keptCount++;
  }
  // Report in the order the meetings were given, not the order they were checked in.
  const order = new Map(problem.meetings.map((meeting, m) => [meeting.id, m]));
  displaced.sort((a, b) => order.get(a)! - order.get(b)!);

  return {
    problem,
    slotCount,
    tableCount: problem.tables.length,
    meetingCount,
    personStart,
    personList,
    unavailable,
    personCount,
    priority,
    keptSlot,
    keptTable,
    keptCount,
    displaced,
    prioritiesDiffer,
  };
}

function indexIds(items: Array<{ id: string }>, kind: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) throw new Error(`scheduleMeetings: duplicate ${kind} id ${item.id}`);
    index.set(item.id, i);
  });
  return index;
}

// ---------------------------------------------------------------------------------------------------
// The timetable: who is busy when, how full each slot is, with an undo log so a failed chain of moves
// can be taken back exactly.

interface Timetable {
  /** Person × slot: 0 free, -1 cannot attend, m + 1 when meeting m is held then. */
  busy: Int32Array;
  /** Meetings held in each slot. */
  load: Int32Array;
  /** Slot s holds members[s * capacity .. s * capacity + load[s]). */
  members: Int32Array;
  /** Index of a meeting inside its slot's member list. */
  memberPosition: Int32Array;
  /** Slot of each meeting, -1 when not placed. */
  slotOf: Int32Array;
  immovable: Uint8Array;
  /** Moves to undo, two numbers each: meeting and (slot + 1) for a placement, -(slot + 1) for a removal. */
  undoLog: number[];
}

function newTimetable(model: Model): Timetable {
  const { slotCount, personCount, meetingCount, tableCount } = model;
  const busy = new Int32Array(personCount * slotCount);
  for (let cell = 0; cell < busy.length; cell++) if (model.unavailable[cell]) busy[cell] = -1;
  const timetable: Timetable = {
    busy,
    load: new Int32Array(slotCount),
    members: new Int32Array(slotCount * tableCount),
    memberPosition: new Int32Array(meetingCount).fill(-1),
    slotOf: new Int32Array(meetingCount).fill(-1),
    immovable: new Uint8Array(meetingCount),
    undoLog: [],
  };
  for (let m = 0; m < meetingCount; m++) {
    if (model.keptSlot[m] < 0) continue;
    place(model, timetable, m, model.keptSlot[m]);
    timetable.immovable[m] = 1;
  }
  timetable.undoLog.length = 0;
  return timetable;
}

function fits(model: Model, timetable: Timetable, m: number, s: number): boolean {
  if (timetable.load[s] >= model.tableCount) return false;
  for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) {
    if (timetable.busy[model.personList[i] * model.slotCount + s] !== 0) return false;
  }
  return true;
}

function place(model: Model, timetable: Timetable, m: number, s: number): void {
  for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) timetable.busy[model.personList[i] * model.slotCount + s] = m + 1;
  const position = timetable.load[s]++;
  timetable.members[s * model.tableCount + position] = m;
  timetable.memberPosition[m] = position;
  timetable.slotOf[m] = s;
  timetable.undoLog.push(m, s + 1);
}

function remove(model: Model, timetable: Timetable, m: number): void {
  const s = timetable.slotOf[m];
  for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) timetable.busy[model.personList[i] * model.slotCount + s] = 0;
  // Swap the slot's last member into the freed position: O(1), and the order inside a slot is irrelevant.
  const position = timetable.memberPosition[m];
  const last = --timetable.load[s];
  const moved = timetable.members[s * model.tableCount + last];
  timetable.members[s * model.tableCount + position] = moved;
  timetable.memberPosition[moved] = position;
  timetable.memberPosition[m] = -1;
  timetable.slotOf[m] = -1;
  timetable.undoLog.push(m, -(s + 1));
}

function rollback(model: Model, timetable: Timetable, mark: number): void {
  const log = timetable.undoLog;
  while (log.length > mark) {
    const code = log[log.length - 1];
    const m = log[log.length - 2];
    if (code > 0) remove(model, timetable, m);
    else place(model, timetable, m, -code - 1);
    // Undoing logged its own entry and the original one is still there: drop both.
    log.length -= 4;
  }
}

// ---------------------------------------------------------------------------------------------------
// First timetables.

/** Lists in compressed rows: the items of row r are list[start[r] .. start[r + 1]). */
interface Rows {
  start: Int32Array;
  list: Int32Array;
}

/** What the search looks up all the time: each meeting's possible slots, and who meets whom when. */
interface SearchIndex {
  possible: Rows;
  meetingsOfPerson: Rows;
  meetingsOfSlot: Rows;
}

const searchIndexes = new WeakMap<Model, SearchIndex>();

function searchIndexOf(model: Model): SearchIndex {
  let index = searchIndexes.get(model);
  if (!index) {
    const possible = possibleSlots(model, newTimetable(model));
    index = {
      possible,
      meetingsOfPerson: invert(model.personCount, model.meetingCount, model.personStart, model.personList),
      meetingsOfSlot: invert(model.slotCount, model.meetingCount, possible.start, possible.list),
    };
    searchIndexes.set(model, index);
  }
  return index;
}

/** Slots each meeting's people can all attend, leaving out the slots their confirmed meetings take. */
function possibleSlots(model: Model, timetable: Timetable): Rows {
  const start = new Int32Array(model.meetingCount + 1);
  const list: number[] = [];
  for (let m = 0; m < model.meetingCount; m++) {
    if (timetable.immovable[m]) {
      start[m + 1] = list.length;
      continue;
    }
    for (let s = 0; s < model.slotCount; s++) {
      let possible = true;
      for (let i = model.personStart[m]; possible && i < model.personStart[m + 1]; i++) {
        const holder = timetable.busy[model.personList[i] * model.slotCount + s];
        if (holder === -1 || (holder > 0 && timetable.immovable[holder - 1])) possible = false;
      }
      if (possible) list.push(s);
    }
    start[m + 1] = list.length;
  }
  return { start, list: Int32Array.from(list) };
}

function placeFirstCome(model: Model, timetable: Timetable): void {
  for (let m = 0; m < model.meetingCount; m++) {
    if (timetable.immovable[m]) continue;
    for (let s = 0; s < model.slotCount; s++) {
      if (fits(model, timetable, m, s)) {
        place(model, timetable, m, s);
        break;
      }
    }
  }
  timetable.undoLog.length = 0;
}

/**
 * Most constrained meeting first, judged as the timetable fills up (as DSatur does for graph colouring):
 * next comes the meeting, of the highest priority waiting, with the fewest slots still open to it, then
 * the one whose people are busiest. A meeting left with no open slot is given up at once instead of
 * taking resources others need. Each goes into the open slot that its people's other waiting meetings
 * need least, and among those the emptiest: a slot none of them can use costs them nothing.
 */
function placeByConstraint(model: Model, timetable: Timetable, order: StartOrder): void {
  const { slotCount, personStart, personList, meetingCount } = model;
  const { possible, meetingsOfPerson, meetingsOfSlot } = searchIndexOf(model);

  // waiting[p * slotCount + s]: meetings of person p not yet handled that could use slot s.
  const waiting = new Int32Array(model.personCount * slotCount);
  const personLoad = new Int32Array(model.personCount);
  const open = new Int32Array(meetingCount);
  const handled = new Uint8Array(meetingCount);
  for (let m = 0; m < meetingCount; m++) {
    if (timetable.immovable[m]) {
      handled[m] = 1;
      continue;
    }
    for (let j = possible.start[m]; j < possible.start[m + 1]; j++) if (fits(model, timetable, m, possible.list[j])) open[m]++;
    for (let i = personStart[m]; i < personStart[m + 1]; i++) {
      const p = personList[i];
      personLoad[p]++;
      for (let j = possible.start[m]; j < possible.start[m + 1]; j++) waiting[p * slotCount + possible.list[j]]++;
    }
  }
  const busyness = new Int32Array(meetingCount);
  let busiest = 0;
  for (let m = 0; m < meetingCount; m++) {
    for (let i = personStart[m]; i < personStart[m + 1]; i++) busyness[m] += personLoad[personList[i]];
    busiest = Math.max(busiest, busyness[m]);
  }

  // One heap per priority, highest first. An entry is one number that sorts as the order wants, with the
  // meeting's index in its last digits; an entry whose open-slot count is out of date is skipped when
  // popped (a newer one was pushed when the count dropped).
  const levels = [...new Set(model.priority)].sort((a, b) => b - a);
  const levelOf = new Map(levels.map((priority, level) => [priority, level]));
  const heaps = levels.map(() => new NumberHeap());
  const keyOf = (m: number) =>
    (order === 'most_constrained' ? open[m] * (busiest + 1) + (busiest - busyness[m]) : busyness[m] * (slotCount + 1) + open[m]) * meetingCount + m;
  const push = (m: number) => heaps[levelOf.get(model.priority[m])!].push(keyOf(m));
  for (let m = 0; m < meetingCount; m++) if (!handled[m]) push(m);
  const seen = new Int32Array(meetingCount);
  let stamp = 0;

  for (const heap of heaps) {
    while (heap.size > 0) {
      const entry = heap.pop();
      const m = entry % meetingCount;
      if (handled[m] || entry !== keyOf(m)) continue;
      handled[m] = 1;
      for (let i = personStart[m]; i < personStart[m + 1]; i++) {
        const p = personList[i];
        for (let j = possible.start[m]; j < possible.start[m + 1]; j++) waiting[p * slotCount + possible.list[j]]--;
      }
      if (open[m] === 0) continue;

      let best = -1;
      let bestCost = Infinity;
      for (let j = possible.start[m]; j < possible.start[m + 1]; j++) {
        const s = possible.list[j];
        if (!fits(model, timetable, m, s)) continue;
        let cost = 0;
        for (let i = personStart[m]; i < personStart[m + 1]; i++) cost += waiting[personList[i] * slotCount + s];
        // Scaled so that the slot's fill only breaks ties between equal costs to the people.
        cost = cost * (model.tableCount + 1) + timetable.load[s];
        if (cost < bestCost) {
          bestCost = cost;
          best = s;
        }
      }
      if (best < 0) continue;

      // The meetings of the same people lose this slot...
      stamp++;
      for (let i = personStart[m]; i < personStart[m + 1]; i++) {
        const p = personList[i];
        for (let k = meetingsOfPerson.start[p]; k < meetingsOfPerson.start[p + 1]; k++) {
          const other = meetingsOfPerson.list[k];
          if (handled[other] || seen[other] === stamp) continue;
          seen[other] = stamp;
          if (fits(model, timetable, other, best)) {
            open[other]--;
            push(other);
          }
        }
      }
      place(model, timetable, m, best);
      // ...and when it was the slot's last table, so does everyone else who could still have used it.
      if (timetable.load[best] === model.tableCount) {
        for (let k = meetingsOfSlot.start[best]; k < meetingsOfSlot.start[best + 1]; k++) {
          const other = meetingsOfSlot.list[k];
          if (handled[other] || seen[other] === stamp || !peopleFree(model, timetable, other, best)) continue;
          open[other]--;
          push(other);
        }
      }
    }
  }
  timetable.undoLog.length = 0;
}

function peopleFree(model: Model, timetable: Timetable, m: number, s: number): boolean {
  for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) {
    if (timetable.busy[model.personList[i] * model.slotCount + s] !== 0) return false;
  }
  return true;
}

/** Turns "items of each owner" (CSR) around into "owners of each item". */
function invert(itemCount: number, ownerCount: number, start: Int32Array, list: Int32Array): Rows {
  const inverseStart = new Int32Array(itemCount + 1);
  for (let k = 0; k < start[ownerCount]; k++) inverseStart[list[k] + 1]++;
  for (let i = 0; i < itemCount; i++) inverseStart[i + 1] += inverseStart[i];
  const fill = inverseStart.slice(0, itemCount);
  const inverseList = new Int32Array(start[ownerCount]);
  for (let owner = 0; owner < ownerCount; owner++) {
    for (let k = start[owner]; k < start[owner + 1]; k++) inverseList[fill[list[k]]++] = owner;
  }
  return { start: inverseStart, list: inverseList };
}

/** A binary min-heap of numbers. */
class NumberHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= item) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    const size = items.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && items[child + 1] < items[child]) child++;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/** Compares two timetables: held meetings counted per priority, highest priority first (> 0: a is better). */
function compareOutcome(model: Model, a: Timetable, b: Timetable): number {
  const difference = new Map<number, number>();
  for (let m = 0; m < model.meetingCount; m++) {
    const delta = (a.slotOf[m] >= 0 ? 1 : 0) - (b.slotOf[m] >= 0 ? 1 : 0);
    if (delta) difference.set(model.priority[m], (difference.get(model.priority[m]) ?? 0) + delta);
  }
  const priorities = [...difference.keys()].sort((x, y) => y - x);
  for (const priority of priorities) if (difference.get(priority)) return difference.get(priority)!;
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// Repair by ejection chains.

class Repair {
  private readonly possible: Rows;
  private readonly meetingsOfPerson: Rows;
  /** Meetings already moved (or tried) in the current attempt: never moved again in it, so no cycles. */
  private readonly visited: Int32Array;
  private attempt = 0;
  private readonly blockers: number[] = [];

  constructor(
    private readonly model: Model,
    private readonly timetable: Timetable,
    private readonly random: () => number,
  ) {
    const index = searchIndexOf(model);
    this.possible = index.possible;
    this.meetingsOfPerson = index.meetingsOfPerson;
    this.visited = new Int32Array(model.meetingCount);
  }

  run(deadline: number, maxRounds: number): void {
    this.repairRounds(deadline, maxRounds);
    // A shuffle or a cut-short round may have opened a slot nobody tried: whatever fits now goes in, so a
    // meeting is only ever left out when no slot suits it as the timetable stands.
    for (const m of this.waitingMeetings()) {
      this.attempt++;
      this.insert(m, 0);
    }
    this.timetable.undoLog.length = 0;
  }

  private repairRounds(deadline: number, maxRounds: number): void {
    const { model, timetable } = this;
    let fruitless = 0;
    for (let round = 0; round < maxRounds && fruitless < FRUITLESS_ROUNDS_LIMIT; round++) {
      let waiting = this.waitingMeetings();
      // Every table of every slot taken: no move can add a meeting, only trade one for a higher priority.
      if (timetable.load.every((load) => load === model.tableCount)) {
        let lowestHeld = Infinity;
        for (let m = 0; m < model.meetingCount; m++) {
          if (timetable.slotOf[m] >= 0 && !timetable.immovable[m]) lowestHeld = Math.min(lowestHeld, model.priority[m]);
        }
        waiting = waiting.filter((m) => model.priority[m] > lowestHeld);
      }
      if (waiting.length === 0) return;
      let progress = false;
      for (const m of waiting) {
        if (performance.now() > deadline) return;
        if (timetable.slotOf[m] >= 0) continue;
        this.attempt++;
        this.visited[m] = this.attempt;
        const mark = timetable.undoLog.length;
        if (this.insert(m, CHAIN_DEPTH) || (model.prioritiesDiffer && this.insertAtTheCostOfLowerPriority(m)) || this.swapOneForTwo(m)) progress = true;
        else rollback(model, timetable, mark);
        // Applied moves are never undone later: forget them so the log stays small.
        timetable.undoLog.length = 0;
      }
      if (progress) fruitless = 0;
      else {
        fruitless++;
        this.shuffle();
        this.swapOneForOne(waiting);
      }
    }
  }

  /** Meetings not placed that have a possible slot: higher priority, then fewer possible slots, first. */
  private waitingMeetings(): number[] {
    const { model, timetable, possible } = this;
    const waiting: number[] = [];
    for (let m = 0; m < model.meetingCount; m++) {
      if (timetable.slotOf[m] < 0 && possible.start[m + 1] > possible.start[m]) waiting.push(m);
    }
    const options = (m: number) => possible.start[m + 1] - possible.start[m];
    return waiting.sort((a, b) => model.priority[b] - model.priority[a] || options(a) - options(b) || a - b);
  }

  /**
   * Places meeting m (not placed now), moving others out of its way when needed; each of those must find a
   * new place with one level less of depth, unless its priority is below `sacrificeBelow`. Returns false,
   * with the timetable as it was, when it cannot.
   */
  private insert(m: number, depth: number, sacrificeBelow = -Infinity): boolean {
    const { model, timetable, possible } = this;
    const first = possible.start[m];
    const count = possible.start[m + 1] - first;
    if (count === 0) return false;
    // Start at a random possible slot: later rounds then explore other chains than earlier ones.
    const offset = Math.floor(this.random() * count);
    for (let k = 0; k < count; k++) {
      const s = possible.list[first + ((offset + k) % count)];
      if (fits(model, timetable, m, s)) {
        place(model, timetable, m, s);
        return true;
      }
    }
    if (depth === 0) return false;

    for (let k = 0; k < count; k++) {
      const s = possible.list[first + ((offset + k) % count)];
      const blockers = this.blockersIn(m, s);
      if (blockers === null) continue;
      const mark = timetable.undoLog.length;
      if (blockers.length > 0) {
        for (const b of blockers) {
          this.visited[b] = this.attempt;
          remove(model, timetable, b);
        }
        place(model, timetable, m, s);
        if (blockers.every((b) => this.insert(b, depth - 1, sacrificeBelow) || model.priority[b] < sacrificeBelow)) return true;
        rollback(model, timetable, mark);
        continue;
      }
      // Nobody of this meeting is busy in s, but every table is taken: move one meeting out of s.
      let tries = 0;
      const base = s * model.tableCount;
      const load = timetable.load[s];
      const startAt = Math.floor(this.random() * load);
      for (let j = 0; j < load && tries < ROOM_MAKING_TRIES; j++) {
        const other = timetable.members[base + ((startAt + j) % load)];
        if (timetable.immovable[other] || this.visited[other] === this.attempt) continue;
        tries++;
        this.visited[other] = this.attempt;
        remove(model, timetable, other);
        place(model, timetable, m, s);
        if (this.insert(other, depth - 1, sacrificeBelow) || model.priority[other] < sacrificeBelow) return true;
        rollback(model, timetable, mark);
      }
    }
    return false;
  }

  /**
   * The distinct movable meetings of m's people in slot s, or null when a confirmed meeting, a meeting
   * already moved in this attempt, or more than two meetings are in the way (ejecting more rarely pays).
   */
  private blockersIn(m: number, s: number): number[] | null {
    const { model, timetable } = this;
    const blockers = this.blockers;
    blockers.length = 0;
    for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) {
      const holder = timetable.busy[model.personList[i] * model.slotCount + s];
      if (holder <= 0) continue;
      const b = holder - 1;
      if (timetable.immovable[b] || this.visited[b] === this.attempt) return null;
      if (!blockers.includes(b)) blockers.push(b);
      if (blockers.length > 2) return null;
    }
    return blockers.slice();
  }

  /**
   * When no chain places m without a loss: the same chains, but meetings of lower priority than m that
   * find no new place may stay out (held meetings per priority, highest first, still only go up).
   */
  private insertAtTheCostOfLowerPriority(m: number): boolean {
    this.attempt++;
    this.visited[m] = this.attempt;
    return this.insert(m, CHAIN_DEPTH, this.model.priority[m]);
  }

  /**
   * Gives up one placed meeting x to hold m and another waiting meeting of x's people: a (1, 2) swap, as in
   * local search for maximum independent sets. Tried when no chain places m.
   */
  private swapOneForTwo(m: number): boolean {
    const { model, timetable, possible, meetingsOfPerson } = this;
    const first = possible.start[m];
    const count = possible.start[m + 1] - first;
    const offset = Math.floor(this.random() * count);
    for (let k = 0; k < count; k++) {
      const s = possible.list[first + ((offset + k) % count)];
      const blockers = this.blockersIn(m, s);
      if (blockers === null || blockers.length !== 1) continue;
      const x = blockers[0];
      // Giving up x must pay at x's priority or above: through m itself, or through the other meeting.
      const mOutranksX = model.priority[m] >= model.priority[x];
      const mark = timetable.undoLog.length;
      this.visited[x] = this.attempt;
      remove(model, timetable, x);
      place(model, timetable, m, s);
      for (let i = model.personStart[x]; i < model.personStart[x + 1]; i++) {
        const p = model.personList[i];
        for (let j = meetingsOfPerson.start[p]; j < meetingsOfPerson.start[p + 1]; j++) {
          const other = meetingsOfPerson.list[j];
          if (timetable.slotOf[other] >= 0 || this.visited[other] === this.attempt) continue;
          if (!mOutranksX && model.priority[other] < model.priority[x]) continue;
          this.visited[other] = this.attempt;
          if (this.insert(other, CHAIN_DEPTH - 1)) return true;
        }
      }
      rollback(model, timetable, mark);
    }
    return false;
  }

  /**
   * After a fruitless round: some waiting meetings take the place of a placed meeting of the same or lower
   * priority that blocks them alone. Same count; the next round tries the ones put out, with other chains.
   */
  private swapOneForOne(waiting: number[]): void {
    const { model, timetable, possible } = this;
    const swaps = Math.ceil(waiting.length * SWAP_SHARE);
    for (let n = 0; n < swaps; n++) {
      const m = waiting[Math.floor(this.random() * waiting.length)];
      if (timetable.slotOf[m] >= 0) continue;
      this.attempt++;
      const first = possible.start[m];
      const count = possible.start[m + 1] - first;
      const offset = Math.floor(this.random() * count);
      for (let k = 0; k < count; k++) {
        const s = possible.list[first + ((offset + k) % count)];
        const blockers = this.blockersIn(m, s);
        if (blockers === null || blockers.length !== 1 || model.priority[blockers[0]] > model.priority[m]) continue;
        remove(model, timetable, blockers[0]);
        place(model, timetable, m, s);
        break;
      }
    }
    timetable.undoLog.length = 0;
  }

  /** Moves a share of the movable placed meetings to another slot where they fit: same count, new neighbours. */
  private shuffle(): void {
    const { model, timetable, possible } = this;
    const movable: number[] = [];
    for (let m = 0; m < model.meetingCount; m++) if (timetable.slotOf[m] >= 0 && !timetable.immovable[m]) movable.push(m);
    const moves = Math.ceil(movable.length * SHUFFLE_SHARE);
    for (let n = 0; n < moves; n++) {
      const m = movable[Math.floor(this.random() * movable.length)];
      const first = possible.start[m];
      const count = possible.start[m + 1] - first;
      const offset = Math.floor(this.random() * count);
      for (let k = 0; k < count; k++) {
        const s = possible.list[first + ((offset + k) % count)];
        if (s !== timetable.slotOf[m] && fits(model, timetable, m, s)) {
          remove(model, timetable, m);
          place(model, timetable, m, s);
          break;
        }
      }
    }
    timetable.undoLog.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------------
// The answer: table ids per slot, reasons for what is left out.

function present(model: Model, timetable: Timetable, started: number): ScheduleResult {
  const { problem, slotCount, tableCount } = model;
  const placements: Placement[] = [];
  for (let s = 0; s < slotCount; s++) {
    const base = s * tableCount;
    const inSlot = Array.from(timetable.members.subarray(base, base + timetable.load[s])).sort((a, b) => a - b);
    // Kept meetings sit at their own table; the others take the free tables in order.
    const tableOf = new Int32Array(tableCount).fill(-1);
    for (const m of inSlot) if (model.keptTable[m] >= 0) tableOf[model.keptTable[m]] = m;
    let nextTable = 0;
    for (const m of inSlot) {
      if (model.keptTable[m] >= 0) continue;
      while (tableOf[nextTable] >= 0) nextTable++;
      tableOf[nextTable] = m;
    }
    for (let t = 0; t < tableCount; t++) {
      const m = tableOf[t];
      if (m >= 0) placements.push({ meetingId: problem.meetings[m].id, slotId: problem.slots[s].id, tableId: problem.tables[t].id });
    }
  }

  const unplaced: ScheduleResult['unplaced'] = [];
  for (let m = 0; m < model.meetingCount; m++) {
    if (timetable.slotOf[m] < 0) unplaced.push({ meetingId: problem.meetings[m].id, reason: unplacedReason(model, timetable, m) });
  }
  return {
    placements,
    unplaced,
    displaced: model.displaced,
    stats: { meetings: model.meetingCount, placed: placements.length, keptFixed: model.keptCount, milliseconds: Math.round(performance.now() - started) },
  };
}

function unplacedReason(model: Model, timetable: Timetable, m: number): UnplacedReason {
  let commonSlot = false;
  for (let s = 0; s < model.slotCount; s++) {
    let everyoneAvailable = true;
    let everyoneFree = true;
    for (let i = model.personStart[m]; i < model.personStart[m + 1]; i++) {
      const holder = timetable.busy[model.personList[i] * model.slotCount + s];
      if (holder === -1 || (holder > 0 && timetable.immovable[holder - 1])) everyoneAvailable = false;
      if (holder !== 0) everyoneFree = false;
    }
    if (everyoneFree) return 'no_table';
    if (everyoneAvailable) commonSlot = true;
  }
  return commonSlot ? 'conflicts' : 'no_common_free_slot';
}

