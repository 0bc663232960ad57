import { describe, expect, it } from 'vitest';
import { countryCode, countryName, countryOfPlace, isNoCountry } from './countries.ts';

describe('country names', () => {
  it('maps the spellings of OFAC and the UN regardless of case, accents and punctuation', () => {
    const names = ['Korea, North', "Democratic People's Republic of Korea", 'Burma', 'Iran (Islamic Republic of)', 'Türkiye', 'TURKEY', "Côte d'Ivoire", 'Cote d Ivoire', 'Congo, Democratic Republic of the', 'Congo', 'St. Kitts & Nevis', 'Bahamas, The', 'United Kingdom of Great Britain and Northern Ireland', 'Region: Crimea', 'Kosovo', 'USSR'];
    expect(names.map(countryCode)).toEqual(['KP', 'KP', 'MM', 'IR', 'TR', 'TR', 'CI', 'CI', 'CD', 'CG', 'KN', 'BS', 'GB', 'UA', 'XK', 'SU']);
  });

  it('knows no country for unknown names, and knows the values that mean "none"', () => {
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('Region: Kafia Kingi')).toBeUndefined();
    expect(['None Identified', 'undetermined', 'na'].every(isNoCountry)).toBe(true);
    expect(isNoCountry('Atlantis')).toBe(false);
  });

  it('finds the country at the end of a place of birth', () => {
    const places = ['Lamerd, Iran', 'Kinshasa, Congo, Democratic Republic of the', 'Musanze District (Northern Province) Rwanda', 'Algiers Algeria', 'Tunisi (Tunisia)', 'Culiacan, Sinaloa', 'Albuquerque, New Mexico', 'Pyongyang, Korea, North'];
    expect(places.map(countryOfPlace)).toEqual(['IR', 'CD', 'RW', 'DZ', 'TN', undefined, undefined, 'KP']);
  });

  it('gives the ISO name of a code', () => {
    expect(countryName('UA')).toBe('Ukraine');
    expect(countryName('QQ')).toBeUndefined();
  });
});
