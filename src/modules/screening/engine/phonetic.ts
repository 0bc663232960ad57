/**
 * Coarse phonetic keys ("skeletons") for Latin name tokens, and the equivalence of common Slavic
 * given names across their Russian and Ukrainian forms.
 *
 * A skeleton maps the many romanizations of one name to one string: Zelenskyy, Zelenskyi,
 * Selenskyj and Zelensky all become "salanska"; Wolodymyr and Volodymyr become "valadamar".
 * It is deliberately lossy (all vowels are one symbol), so it is used to find candidates and as a
 * discounted second opinion next to the exact spelling, never alone.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

/**
 * The phonetic skeleton of one lower-case Latin token (other tokens come back unchanged).
 * Classes: vowels → a; s z sh zh sch shch sz ts tz cz dz dzh dj, soft c, consonantal j and
 * a leading x → s (the letters Ж, З, Ш, Щ, Ц take in the spelling systems in use);
 * h kh ch tch tsch → h (Х, and Ч, whose English ch is German ch's Х); k q ck hard-c → k;
 * ph → f; w → v; th → t; dh → d; gh → g; doubled letters once.
 */
export function skeleton(token: string): string {
  if (!/^[a-z0-9]+$/.test(token)) return token;
  let out = '';
  const push = (symbol: string) => {
    if (out.length === 0 || out[out.length - 1] !== symbol) out += symbol;
  };
  const n = token.length;
  let i = 0;
  while (i < n) {
    const c = token[i];
    const c1 = token[i + 1];
    const c2 = token[i + 2];
    const c3 = token[i + 3];
    if (c >= '0' && c <= '9') {
      out += c; // digits are kept verbatim (and not merged: 11 ≠ 1)
      i += 1;
      continue;
    }
    if (VOWELS.has(c)) {
      push('a');
      i += 1;
      continue;
    }
    // Щ: English shch, German schtsch.
    if (token.startsWith('schtsch', i)) { push('s'); i += 7; continue; }
    if (c === 's' && c1 === 'h' && c2 === 'c' && c3 === 'h') { push('s'); i += 4; continue; }
    // German tsch and French tch are the ch of English spellings (Ч): one class with ch.
    if (c === 't' && c1 === 's' && c2 === 'c' && c3 === 'h') { push('h'); i += 4; continue; }
    if (c === 'd' && c1 === 'z' && c2 === 'h') { push('s'); i += 3; continue; }
    if (c === 's' && c1 === 'c' && c2 === 'h') { push('s'); i += 3; continue; }
    if (c === 't' && c1 === 'c' && c2 === 'h') { push('h'); i += 3; continue; }
    const pair = c + (c1 ?? '');
    switch (pair) {
      case 'sh': case 'zh': case 'sz': case 'ts': case 'tz': case 'cz': case 'dz': case 'dj':
        push('s'); i += 2; continue;
      case 'kh': case 'ch':
        push('h'); i += 2; continue;
      case 'ck':
        push('k'); i += 2; continue;
      case 'ph':
        push('f'); i += 2; continue;
      case 'th':
        push('t'); i += 2; continue;
      case 'dh':
        push('d'); i += 2; continue;
      case 'gh':
        push('g'); i += 2; continue;
    }
    switch (c) {
      case 'z': push('s'); break;
      case 'c': push(c1 === 'e' || c1 === 'i' || c1 === 'y' ? 's' : 'k'); break;
      case 'q': push('k'); break;
      case 'w': push('v'); break;
      case 'x':
        if (i === 0) push('s');
        else { push('k'); push('s'); }
        break;
      case 'j':
        // Consonantal j (before a vowel) is Ж in French and Д+Ж in English spellings; after a vowel
        // it is the y of German and Polish spellings (Sergej, -skyj).
        if (isVowel(c1) && !(i > 0 && isVowel(token[i - 1]))) push('s');
        else push('a');
        break;
      default:
        push(c);
    }
    i += 1;
  }
  return out;
}

/**
 * Groups of given names that are the same name in Russian and Ukrainian (and their usual
 * romanizations). Public knowledge of name forms, not data from any list.
 */
const GIVEN_NAME_GROUPS: string[][] = [
  ['vladimir', 'volodymyr', 'wladimir', 'wolodymyr', 'volodimir', 'wolodimir', 'vladymyr'],
  ['aleksandr', 'alexander', 'aleksander', 'alexandr', 'oleksandr', 'olexandr', 'oleksander', 'alexandre', 'aleksandar', 'alexandru', 'aleksandre'],
  ['aleksey', 'alexey', 'alexei', 'aleksei', 'aleksej', 'alexej', 'oleksiy', 'oleksii', 'olexiy', 'oleksij', 'olexii'],
  ['sergey', 'sergei', 'sergej', 'sergii', 'sergiy', 'serhiy', 'serhii', 'serhij', 'sergejs', 'serguei'],
  ['dmitry', 'dmitriy', 'dmitri', 'dmitrii', 'dmitrij', 'dmytro', 'dimitri', 'dimitry'],
  ['nikolay', 'nikolai', 'nikolaj', 'mykola', 'nicolai', 'nicolay', 'mikola'],
  ['mikhail', 'mikhael', 'michail', 'mykhailo', 'mykhaylo', 'mychajlo', 'mikhailo', 'mihail'],
  ['andrey', 'andrei', 'andrej', 'andriy', 'andrii', 'andrij'],
  ['yuri', 'yuriy', 'yurii', 'yury', 'iurii', 'iuriy', 'jurij', 'juri', 'jurii', 'youri', 'iouri'],
  ['pavel', 'pavlo', 'pawel'],
  ['grigory', 'grigoriy', 'grigorii', 'grigori', 'grigorij', 'hryhoriy', 'hryhorii', 'hryhorij'],
  ['yevgeny', 'yevgeniy', 'yevgenii', 'evgeny', 'evgeniy', 'evgenii', 'evgenij', 'jewgeni', 'yevhen', 'yevhenii', 'yevheniy', 'ievgen', 'ievhen', 'evhen'],
  ['olga', 'olha', 'olgha'],
  ['elena', 'yelena', 'jelena', 'olena', 'helena', 'ielena'],
  ['natalia', 'nataliya', 'natalya', 'natalija', 'nataliia', 'natalja'],
  ['tatiana', 'tatyana', 'tatjana', 'tetiana', 'tetyana', 'tetjana'],
  ['oleg', 'oleh'],
  ['gleb', 'hlib'],
  ['igor', 'ihor'],
  ['georgy', 'georgiy', 'georgii', 'georgij', 'heorhiy', 'heorhii', 'heorhij'],
  ['gennady', 'gennadiy', 'gennadii', 'gennadij', 'hennadiy', 'hennadii', 'hennadij'],
  ['anatoly', 'anatoliy', 'anatolii', 'anatolij'],
  ['vitaly', 'vitaliy', 'vitalii', 'vitalij'],
  ['vasily', 'vasiliy', 'vasilii', 'vasilij', 'vasyl', 'wassili'],
  ['konstantin', 'kostiantyn', 'kostyantyn', 'constantin'],
  ['yakov', 'yakiv', 'iakiv', 'jakow'],
  ['pyotr', 'petr', 'petro', 'pjotr'],
  ['fyodor', 'fedor', 'fedir', 'fjodor'],
  ['semyon', 'semen', 'semion'],
  ['maria', 'mariya', 'mariia', 'marija'],
  ['anna', 'hanna', 'ganna'],
  ['ekaterina', 'yekaterina', 'kateryna', 'katerina', 'jekaterina'],
  ['irina', 'iryna'],
  ['lyudmila', 'liudmyla', 'ludmila', 'ljudmila', 'lyudmyla'],
  ['svetlana', 'svitlana'],
  ['galina', 'halyna'],
  ['nadezhda', 'nadiia', 'nadiya'],
  ['valentina', 'valentyna'],
  ['yulia', 'yuliya', 'yuliia', 'iuliia', 'julia', 'julija'],
  ['bogdan', 'bohdan'],
  ['arkady', 'arkadiy', 'arkadii', 'arkadij'],
  ['ilya', 'illia', 'ilia', 'ilja'],
  ['kirill', 'kyrylo'],
  ['maksim', 'maxim', 'maksym'],
  ['timofey', 'tymofiy', 'tymofii'],
  ['vyacheslav', 'viacheslav', 'wjatscheslaw'],
  ['yaroslav', 'iaroslav', 'jaroslaw'],
  ['stanislav', 'stanislaw'],
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'muhammed', 'mohamad', 'mukhammad', 'muhamed', 'mohd'],
];

const GROUP_OF = new Map<string, number>();
GIVEN_NAME_GROUPS.forEach((names, index) => {
  for (const name of names) GROUP_OF.set(name, index);
});

/** The equivalence group of a given name, or -1 when it is in none. */
export function givenNameGroup(token: string): number {
  return GROUP_OF.get(token) ?? -1;
}

/** Every spelling in the token's given-name group (empty when it is in none). */
export function givenNameEquivalents(token: string): readonly string[] {
  const group = GROUP_OF.get(token);
  return group === undefined ? [] : GIVEN_NAME_GROUPS[group];
}
