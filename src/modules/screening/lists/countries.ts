/**
 * Country names as sanctions lists write them → ISO 3166-1 alpha-2.
 *
 * Every ISO country is here under its short English name, plus the spellings that occur in the
 * OFAC SDN files and the UN consolidated list (checked against both: "Korea, North", "Burma",
 * "Iran (Islamic Republic of)", "Congo, Democratic Republic of the", "Türkiye", …). Lookups ignore
 * case, accents, punctuation and a leading or trailing "the".
 *
 * Beyond ISO 3166-1 proper: XK for Kosovo (the user-assigned code the EU, the IMF and OpenSanctions
 * use), and the reserved codes of states that no longer exist (SU, YU, CS, AN), because lists name
 * the country of birth or issue as it was then and mapping it to a successor state would be a guess.
 */

/** [alpha-2, ISO short name, other spellings found in lists]. */
const COUNTRIES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  ['AD', 'Andorra'],
  ['AE', 'United Arab Emirates', 'UAE', 'U.A.E.'],
  ['AF', 'Afghanistan'],
  ['AG', 'Antigua and Barbuda'],
  ['AI', 'Anguilla'],
  ['AL', 'Albania'],
  ['AM', 'Armenia'],
  ['AO', 'Angola'],
  ['AQ', 'Antarctica'],
  ['AR', 'Argentina'],
  ['AS', 'American Samoa'],
  ['AT', 'Austria'],
  ['AU', 'Australia'],
  ['AW', 'Aruba'],
  ['AX', 'Åland Islands'],
  ['AZ', 'Azerbaijan'],
  ['BA', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosina-Herzegovina', 'Bosnia'],
  ['BB', 'Barbados'],
  ['BD', 'Bangladesh'],
  ['BE', 'Belgium'],
  ['BF', 'Burkina Faso'],
  ['BG', 'Bulgaria'],
  ['BH', 'Bahrain'],
  ['BI', 'Burundi'],
  ['BJ', 'Benin'],
  ['BL', 'Saint Barthélemy'],
  ['BM', 'Bermuda'],
  ['BN', 'Brunei Darussalam', 'Brunei'],
  ['BO', 'Bolivia', 'Bolivia (Plurinational State of)'],
  ['BQ', 'Bonaire, Sint Eustatius and Saba'],
  ['BR', 'Brazil'],
  ['BS', 'Bahamas', 'Bahamas, The'],
  ['BT', 'Bhutan'],
  ['BV', 'Bouvet Island'],
  ['BW', 'Botswana'],
  ['BY', 'Belarus'],
  ['BZ', 'Belize'],
  ['CA', 'Canada'],
  ['CC', 'Cocos (Keeling) Islands'],
  ['CD', 'Democratic Republic of the Congo', 'Congo, Democratic Republic of the', 'Congo, the Democratic Republic of the', 'DRC', 'DR Congo', 'Congo-Kinshasa', 'Zaire'],
  ['CF', 'Central African Republic', 'CAR'],
  // "Congo" alone is the Republic of the Congo in the UN's and ISO's naming.
  ['CG', 'Congo', 'Republic of the Congo', 'Congo, Republic of the', 'Congo-Brazzaville'],
  ['CH', 'Switzerland'],
  ['CI', "Côte d'Ivoire", 'Cote d Ivoire', 'Ivory Coast'],
  ['CK', 'Cook Islands'],
  ['CL', 'Chile'],
  ['CM', 'Cameroon'],
  ['CN', 'China', "People's Republic of China", 'PRC'],
  ['CO', 'Colombia'],
  ['CR', 'Costa Rica'],
  ['CU', 'Cuba'],
  ['CV', 'Cabo Verde', 'Cape Verde'],
  ['CW', 'Curaçao'],
  ['CX', 'Christmas Island'],
  ['CY', 'Cyprus'],
  ['CZ', 'Czechia', 'Czech Republic'],
  ['DE', 'Germany'],
  ['DJ', 'Djibouti'],
  ['DK', 'Denmark'],
  ['DM', 'Dominica'],
  ['DO', 'Dominican Republic'],
  ['DZ', 'Algeria'],
  ['EC', 'Ecuador'],
  ['EE', 'Estonia'],
  ['EG', 'Egypt'],
  ['EH', 'Western Sahara'],
  ['ER', 'Eritrea'],
  ['ES', 'Spain'],
  ['ET', 'Ethiopia'],
  ['FI', 'Finland'],
  ['FJ', 'Fiji'],
  ['FK', 'Falkland Islands', 'Falkland Islands (Malvinas)'],
  ['FM', 'Micronesia', 'Micronesia (Federated States of)', 'Micronesia, Federated States of'],
  ['FO', 'Faroe Islands'],
  ['FR', 'France'],
  ['GA', 'Gabon'],
  ['GB', 'United Kingdom', 'United Kingdom of Great Britain and Northern Ireland', 'UK', 'U.K.', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  ['GD', 'Grenada'],
  ['GE', 'Georgia'],
  ['GF', 'French Guiana'],
  ['GG', 'Guernsey'],
  ['GH', 'Ghana'],
  ['GI', 'Gibraltar'],
  ['GL', 'Greenland'],
  ['GM', 'Gambia', 'The Gambia', 'Gambia, The'],
  ['GN', 'Guinea'],
  ['GP', 'Guadeloupe'],
  ['GQ', 'Equatorial Guinea'],
  ['GR', 'Greece'],
  ['GS', 'South Georgia and the South Sandwich Islands'],
  ['GT', 'Guatemala'],
  ['GU', 'Guam'],
  ['GW', 'Guinea-Bissau'],
  ['GY', 'Guyana'],
  ['HK', 'Hong Kong', 'China, Hong Kong Special Administrative Region', 'Hong Kong SAR'],
  ['HM', 'Heard Island and McDonald Islands'],
  ['HN', 'Honduras'],
  ['HR', 'Croatia'],
  ['HT', 'Haiti'],
  ['HU', 'Hungary'],
  ['ID', 'Indonesia'],
  ['IE', 'Ireland'],
  ['IL', 'Israel'],
  ['IM', 'Isle of Man', 'Man, Isle of'],
  ['IN', 'India'],
  ['IO', 'British Indian Ocean Territory'],
  ['IQ', 'Iraq'],
  ['IR', 'Iran', 'Iran (Islamic Republic of)', 'Islamic Republic of Iran', 'Iran, Islamic Republic of'],
  ['IS', 'Iceland'],
  ['IT', 'Italy'],
  ['JE', 'Jersey'],
  ['JM', 'Jamaica'],
  ['JO', 'Jordan'],
  ['JP', 'Japan'],
  ['KE', 'Kenya'],
  ['KG', 'Kyrgyzstan', 'Kyrgyz Republic', 'Kirghizia'],
  ['KH', 'Cambodia'],
  ['KI', 'Kiribati'],
  ['KM', 'Comoros', 'Comoros Islands'],
  ['KN', 'Saint Kitts and Nevis', 'St. Kitts & Nevis', 'St Kitts and Nevis'],
  ['KP', 'North Korea', 'Korea, North', "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of", 'DPRK'],
  ['KR', 'South Korea', 'Korea, South', 'Republic of Korea', 'Korea, Republic of'],
  ['KW', 'Kuwait'],
  ['KY', 'Cayman Islands'],
  ['KZ', 'Kazakhstan'],
  ['LA', 'Laos', "Lao People's Democratic Republic"],
  ['LB', 'Lebanon'],
  ['LC', 'Saint Lucia'],
  ['LI', 'Liechtenstein'],
  ['LK', 'Sri Lanka'],
  ['LR', 'Liberia'],
  ['LS', 'Lesotho'],
  ['LT', 'Lithuania'],
  ['LU', 'Luxembourg'],
  ['LV', 'Latvia'],
  ['LY', 'Libya', 'Libyan Arab Jamahiriya'],
  ['MA', 'Morocco'],
  ['MC', 'Monaco'],
  ['MD', 'Moldova', 'Republic of Moldova', 'Moldova, Republic of'],
  ['ME', 'Montenegro'],
  ['MF', 'Saint Martin (French part)'],
  ['MG', 'Madagascar'],
  ['MH', 'Marshall Islands'],
  ['MK', 'North Macedonia', 'Macedonia', 'Macedonia, The Former Yugoslav Republic of', 'The former Yugoslav Republic of Macedonia'],
  ['ML', 'Mali', 'Region: Northern Mali'],
  ['MM', 'Myanmar', 'Burma'],
  ['MN', 'Mongolia'],
  ['MO', 'Macao', 'Macau', 'China, Macao Special Administrative Region'],
  ['MP', 'Northern Mariana Islands'],
  ['MQ', 'Martinique'],
  ['MR', 'Mauritania'],
  ['MS', 'Montserrat'],
  ['MT', 'Malta'],
  ['MU', 'Mauritius'],
  ['MV', 'Maldives'],
  ['MW', 'Malawi'],
  ['MX', 'Mexico'],
  ['MY', 'Malaysia'],
  ['MZ', 'Mozambique'],
  ['NA', 'Namibia'],
  ['NC', 'New Caledonia'],
  ['NE', 'Niger'],
  ['NF', 'Norfolk Island'],
  ['NG', 'Nigeria'],
  ['NI', 'Nicaragua'],
  ['NL', 'Netherlands', 'Holland', 'Kingdom of the Netherlands'],
  ['NO', 'Norway'],
  ['NP', 'Nepal'],
  ['NR', 'Nauru'],
  ['NU', 'Niue'],
  ['NZ', 'New Zealand'],
  ['OM', 'Oman'],
  ['PA', 'Panama'],
  ['PE', 'Peru'],
  ['PF', 'French Polynesia'],
  ['PG', 'Papua New Guinea'],
  ['PH', 'Philippines', 'Phillipines'],
  ['PK', 'Pakistan'],
  ['PL', 'Poland'],
  ['PM', 'Saint Pierre and Miquelon'],
  ['PN', 'Pitcairn'],
  ['PR', 'Puerto Rico'],
  // OFAC writes the nationality as "Palestinian" and addresses as "West Bank" or "Region: Gaza".
  ['PS', 'Palestine', 'State of Palestine', 'Palestinian', 'Palestinian Authority', 'Palestinian Territories', 'Occupied Palestinian Territory', 'West Bank', 'West Bank (Palestinian Authority)', 'Gaza', 'Gaza Strip', 'Gaza (Palestinian Authority)', 'Region: Gaza'],
  ['PT', 'Portugal'],
  ['PW', 'Palau'],
  ['PY', 'Paraguay'],
  ['QA', 'Qatar'],
  ['RE', 'Réunion'],
  ['RO', 'Romania'],
  ['RS', 'Serbia'],
  ['RU', 'Russia', 'Russian Federation'],
  ['RW', 'Rwanda'],
  ['SA', 'Saudi Arabia'],
  ['SB', 'Solomon Islands'],
  ['SC', 'Seychelles'],
  ['SD', 'Sudan'],
  ['SE', 'Sweden'],
  ['SG', 'Singapore'],
  ['SH', 'Saint Helena, Ascension and Tristan da Cunha', 'Saint Helena'],
  ['SI', 'Slovenia'],
  ['SJ', 'Svalbard and Jan Mayen'],
  ['SK', 'Slovakia'],
  ['SL', 'Sierra Leone'],
  ['SM', 'San Marino'],
  ['SN', 'Senegal'],
  ['SO', 'Somalia'],
  ['SR', 'Suriname'],
  ['SS', 'South Sudan'],
  ['ST', 'Sao Tome and Principe'],
  ['SV', 'El Salvador'],
  ['SX', 'Sint Maarten (Dutch part)', 'Sint Maarten'],
  ['SY', 'Syria', 'Syrian Arab Republic'],
  ['SZ', 'Eswatini', 'Swaziland'],
  ['TC', 'Turks and Caicos Islands'],
  ['TD', 'Chad'],
  ['TF', 'French Southern Territories'],
  ['TG', 'Togo'],
  ['TH', 'Thailand'],
  ['TJ', 'Tajikistan'],
  ['TK', 'Tokelau'],
  ['TL', 'Timor-Leste', 'East Timor'],
  ['TM', 'Turkmenistan'],
  ['TN', 'Tunisia'],
  ['TO', 'Tonga'],
  ['TR', 'Türkiye', 'Turkey'],
  ['TT', 'Trinidad and Tobago'],
  ['TV', 'Tuvalu'],
  ['TW', 'Taiwan', 'Taiwan, Province of China'],
  ['TZ', 'Tanzania', 'United Republic of Tanzania', 'Tanzania, United Republic of'],
  // Crimea is Ukraine under international law (UN GA resolution 68/262).
  ['UA', 'Ukraine', 'Crimea', 'Region: Crimea'],
  ['UG', 'Uganda'],
  ['UM', 'United States Minor Outlying Islands'],
  ['US', 'United States', 'United States of America', 'USA', 'U.S.A.', 'U.S.'],
  ['UY', 'Uruguay'],
  ['UZ', 'Uzbekistan'],
  ['VA', 'Holy See', 'Vatican City'],
  ['VC', 'Saint Vincent and the Grenadines', 'St. Vincent and the Grenadines'],
  ['VE', 'Venezuela', 'Venezuela (Bolivarian Republic of)'],
  ['VG', 'British Virgin Islands', 'Virgin Islands, British'],
  ['VI', 'United States Virgin Islands', 'Virgin Islands, U.S.'],
  ['VN', 'Viet Nam', 'Vietnam'],
  ['VU', 'Vanuatu'],
  ['WF', 'Wallis and Futuna'],
  ['WS', 'Samoa'],
  ['YE', 'Yemen'],
  ['YT', 'Mayotte'],
  ['ZA', 'South Africa'],
  ['ZM', 'Zambia'],
  ['ZW', 'Zimbabwe'],
  ['XK', 'Kosovo'],
  // Former states, under their ISO 3166-3 reserved alpha-2 codes.
  ['SU', 'Soviet Union', 'USSR', 'former Soviet Union', 'Union of Soviet Socialist Republics'],
  ['YU', 'Yugoslavia', 'ex-Yugoslavia', 'former Yugoslavia'],
  ['CS', 'Serbia and Montenegro'],
  ['AN', 'Netherlands Antilles'],
];

/** Values lists put where a country would go to say there is none ("None Identified" vessel flags, UN "na"). */
const NO_COUNTRY = ['None Identified', 'undetermined', 'unknown', 'na', 'n/a', 'stateless'];

/** Case, accents, punctuation and a leading/trailing "the" do not distinguish country names. */
function normalizeCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ the$/, '');
}

const CODE_BY_NAME = new Map<string, string>();
for (const [code, ...names] of COUNTRIES) {
  for (const name of names) CODE_BY_NAME.set(normalizeCountryName(name), code);
}
const NO_COUNTRY_NAMES = new Set(NO_COUNTRY.map(normalizeCountryName));

// Lists repeat the same few hundred spellings tens of thousands of times.
const lookupCache = new Map<string, string | undefined>();

/** The alpha-2 code of a country name as lists write it, or undefined if the name is not known. */
export function countryCode(name: string): string | undefined {
  if (lookupCache.has(name)) return lookupCache.get(name);
  const key = normalizeCountryName(name);
  // "possibly Palestinian" (OFAC nationality): the list's doubt does not change which country it names.
  const code = CODE_BY_NAME.get(key) ?? CODE_BY_NAME.get(key.replace(/^possibly /, ''));
  // Bounded: free text (places of birth) passes through here too.
  if (lookupCache.size < 10_000) lookupCache.set(name, code);
  return code;
}

/** True for values that mean "no country" rather than an unknown country name. */
export function isNoCountry(name: string): boolean {
  return NO_COUNTRY_NAMES.has(normalizeCountryName(name));
}

/** The ISO short name of a country code (for messages and tests), or undefined. */
export function countryName(code: string): string | undefined {
  return COUNTRIES.find(([candidate]) => candidate === code)?.[1];
}

/**
 * The country at the end of a free-text place ("Lamerd, Iran", "Kinshasa, Congo, Democratic
 * Republic of the", "Musanze District (Northern Province) Rwanda"), or undefined when the place
 * does not end in a country name (many OFAC places of birth end in a province).
 */
export function countryOfPlace(place: string): string | undefined {
  const parts = place.split(',').map((part) => part.trim()).filter(Boolean);
  // The last two comma parts first: OFAC writes "Korea, North" and "Congo, Republic of the".
  if (parts.length >= 2) {
    const lastTwo = countryCode(parts.slice(-2).join(', '));
    if (lastTwo) return lastTwo;
  }
  const last = parts.at(-1);
  if (last === undefined) return undefined;
  const whole = countryCode(last);
  if (whole) return whole;
  const bracketed = /\(([^()]+)\)\s*$/.exec(last)?.[1];
  if (bracketed) {
    const code = countryCode(bracketed);
    if (code) return code;
  }
  // "Algiers Algeria", "Valle Colombia", "(Medina) Saudi Arabia": the country is the last words.
  const words = last.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  for (let take = Math.min(3, words.length - 1); take >= 1; take--) {
    // "New Mexico" and "New Jersey" are US states, not Mexico or Jersey.
    if (words[words.length - take - 1]?.toLowerCase() === 'new') continue;
    const code = countryCode(words.slice(-take).join(' '));
    if (code) return code;
  }
  return undefined;
}
