/**
 * The fixed vocabularies the generator draws from. Countries, bodies and agencies are fictional
 * on purpose: generated claims must not read as things real governments or people said. Country
 * codes come from ISO 3166-1's user-assigned range (XA-XZ, skipping XK, which is widely used for
 * Kosovo), so they are well-formed alpha-2 codes that name no real country.
 */

/** A fictional country: name, adjective, capital (also an alias of its government), code. */
export interface CountryWords {
  readonly name: string;
  readonly adjective: string;
  readonly capital: string;
  readonly code: string;
}

const COUNTRY_ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['Valdoria', 'Valdorian', 'Senn'],
  ['Karesia', 'Karesian', 'Molt'],
  ['Drevnia', 'Drevnian', 'Ashkar'],
  ['Ostmeria', 'Ostmerian', 'Veyra'],
  ['Tavoria', 'Tavorian', 'Port Anis'],
  ['Zembria', 'Zembrian', 'Taldris'],
  ['Corvania', 'Corvanian', 'Corvel'],
  ['Maristan', 'Maristani', 'Marisabad'],
  ['Brenland', 'Brenlandic', 'Brenholm'],
  ['Eskaria', 'Eskarian', 'Eskar'],
  ['Noravia', 'Noravian', 'Norvik'],
  ['Quellia', 'Quellian', 'Quell'],
  ['Sardovia', 'Sardovian', 'Sardon'],
  ['Tirelia', 'Tirelian', 'Tirel'],
  ['Vostrana', 'Vostrani', 'Vostra'],
  ['Alumbria', 'Alumbrian', 'Alumbra'],
  ['Felgaria', 'Felgarian', 'Felgar'],
  ['Galvonia', 'Galvonian', 'Galvo'],
  ['Istrania', 'Istranian', 'Istra'],
  ['Jorvia', 'Jorvian', 'Jorvik'],
  ['Kelmar', 'Kelmari', 'Kelmar City'],
  ['Lorestia', 'Lorestian', 'Lorest'],
  ['Mirovia', 'Mirovian', 'Mirograd'],
  ['Pellucia', 'Pellucian', 'Pell'],
];
const USER_ASSIGNED_CODES = 'ABCDEFGHIJLMNOPQRSTUVWXYZ'.split('').map((letter) => `X${letter}`);

/** The fictional countries, in the order a small pool takes them. */
export const COUNTRIES: readonly CountryWords[] = COUNTRY_ROWS.map(([name, adjective, capital], index) => ({
  name,
  adjective,
  capital,
  code: USER_ASSIGNED_CODES[index] as string,
}));

/** International bodies: name, abbreviation, and the sub-bodies that speak under them. */
export const INTERNATIONAL_BODIES: ReadonlyArray<{ name: string; short: string; subBodies: readonly string[] }> = [
  { name: 'Assembly of Nations', short: 'AoN', subBodies: ['Assembly of Nations Security Council', 'Assembly of Nations Refugee Office', 'Assembly of Nations Human Rights Office'] },
  { name: 'Continental Union', short: 'CU', subBodies: ['Continental Union Commission', 'Continental Union Parliament'] },
  { name: 'Maritime Treaty Organization', short: 'MTO', subBodies: ['MTO Military Committee'] },
  { name: 'Global Health Agency', short: 'GHA', subBodies: ['GHA Emergency Programme'] },
  { name: 'International Atomic Monitoring Commission', short: 'IAMC', subBodies: ['IAMC Board of Governors'] },
  { name: 'Regional Development Bank', short: 'RDB', subBodies: ['RDB Reconstruction Fund'] },
];

/** News agencies (the articles' publishers) with the index of their home country. */
export const NEWS_AGENCIES: ReadonlyArray<{ name: string; alias: string; country: number }> = [
  { name: 'Meridian Press', alias: 'MP', country: 0 },
  { name: 'Northwind News Agency', alias: 'NNA', country: 1 },
  { name: 'Central Wire Service', alias: 'CWS', country: 2 },
  { name: 'Harbor Press Agency', alias: 'HPA', country: 3 },
  { name: 'Crescent News Agency', alias: 'CNA', country: 4 },
  { name: 'Atlas Wire', alias: 'Atlas', country: 5 },
];

/** Ministries and agencies every government has, in the order a small pool gets them. */
export const MINISTRIES: readonly string[] = [
  'Foreign Ministry',
  'Defence Ministry',
  'Interior Ministry',
  'Health Ministry',
  'Intelligence Service',
  'Finance Ministry',
  'Energy Ministry',
  'Trade Ministry',
  'Justice Ministry',
  'Armed Forces General Staff',
];

/** Name parts for outlets, organizations (`{X}` a subject), groups (`{A}` adjective, `{P}` place) and account handles. */
export const OUTLET_SUFFIXES: readonly string[] = ['Herald', 'Times', 'Post', 'Observer', 'Daily', 'Tribune', 'Broadcasting', 'Gazette', 'Courier', 'Radio'];
export const ORGANIZATION_FORMS: readonly string[] = ['{X} Watch', 'Center for {X} Studies', '{X} Monitor', 'Friends of {X}', '{X} Relief Network', '{X} Policy Institute'];
export const ORGANIZATION_SUBJECTS: readonly string[] = ['Border', 'Conflict', 'Press Freedom', 'Energy', 'Refugee', 'Election', 'Arms Control', 'Food Security', 'Cyber', 'Human Rights'];
export const GROUP_FORMS: readonly string[] = ['{A} opposition coalition', '{A} farmers union', '{P} Liberation Front', '{A} veterans association', '{P} residents committee'];
export const ACCOUNT_WORDS: readonly string[] = ['frontline', 'osint', 'border', 'watch', 'intel', 'truth', 'news', 'eye', 'report', 'signal', 'map', 'radar'];

/** Name parts for people and places; surnames and places are a start and an end joined. */
export const FIRST_NAMES: readonly string[] = [
  'Mira', 'Anton', 'Lena', 'Tomas', 'Sara', 'Idris', 'Nadia', 'Pavel', 'Amara', 'Jonas', 'Yuki', 'Omar', 'Elena', 'Ravi', 'Ines',
  'Viktor', 'Hana', 'Marek', 'Leila', 'Felix', 'Sofia', 'Karim', 'Ana', 'Emil', 'Zara', 'Lucas', 'Nora', 'Bashir', 'Ida', 'Mateo',
  'Keiko', 'Dmitri', 'Aisha', 'Hugo', 'Greta', 'Samir', 'Clara', 'Oskar', 'Maya', 'Tariq', 'Vera', 'Arjun', 'Lotte', 'Ilya', 'Rosa',
  'Kwame', 'Selin', 'Bruno',
];
export const SURNAME_STARTS: readonly string[] = ['Kos', 'Vel', 'Mar', 'Dra', 'Ost', 'Bren', 'Tal', 'Sor', 'Kel', 'Ivan', 'Lud', 'Pel', 'Ras', 'Hal', 'Nov', 'Ber', 'Gar', 'Zel', 'Fen', 'Mor', 'Ard', 'Vas', 'Cor', 'Tem'];
export const SURNAME_ENDS: readonly string[] = ['tan', 'ova', 'ek', 'ström', 'ani', 'enko', 'sky', 'dal', 'ic', 'berg', 'ari', 'ov', 'ez', 'ley', 'mann', 'ura', 'ssen', 'ada', 'etti', 'ko'];
export const PLACE_STARTS: readonly string[] = ['Ash', 'Bel', 'Cal', 'Dun', 'Ek', 'Fal', 'Gor', 'Hel', 'Ir', 'Kar', 'Lis', 'Mor', 'Nes', 'Or', 'Pra', 'Ros', 'Sel', 'Tor', 'Ul', 'Var'];
export const PLACE_ENDS: readonly string[] = ['ford', 'ovo', 'ino', 'holm', 'grad', 'ia', 'stad', 'ar', 'ena', 'port', 'yr', 'esk'];

/** Venues a statement is made at; {CAPITAL} and {BODY} are filled per article. */
export const VENUES: readonly string[] = [
  'a news conference in {CAPITAL}',
  'a briefing in {CAPITAL}',
  'a meeting of the {BODY}',
  'a televised address',
  'a parliamentary hearing in {CAPITAL}',
  'a press conference in {CAPITAL2}',
  'a summit in {CAPITAL2}',
];
