/**
 * Every raw file the build reads, with what provenance needs to say about it (SOURCES.md is the authority).
 * Paths are relative to the raw folder. The LSOA boundaries are one logical source of 326 files: see `LSOA_TOPO_DIR`.
 */
import type { SourceRecord } from '../engine/bundle.ts';

export const OGL = 'Open Government Licence v3.0';
const ONS = 'Office for National Statistics';
const NHSD = 'NHS Digital';

export type SourceDef = Omit<SourceRecord, 'sha256'>;

function def(id: string, file: string, dataset: string, vintage: string, publisher = ONS, licence = OGL): SourceDef {
  return { id, dataset, publisher, vintage, file, licence };
}

export const LSOA_TOPO_DIR = 'lsoa-2011/topo_lsoa_by_lad';
export const LSOA_TOPO_SUMS = 'lsoa-2011/SHA256SUMS';

export const S = {
  ccg19Boundaries: def(
    'ccg-2019-boundaries',
    'ccg-2019/Clinical_Commissioning_Groups__April_2019__Boundaries_EN_BUC.json',
    'Clinical Commissioning Groups (April 2019) Boundaries EN BUC',
    'April 2019',
  ),
  ccgStp19: def(
    'ccg-stp-2019',
    'lookups/Clinical_Commissioning_Group_to_STPs_(April_2019)_Lookup_in_England.csv',
    'Clinical Commissioning Group to STPs (April 2019) Lookup in England',
    'April 2019',
  ),
  ccgNames19: def(
    'ccg-2019-names',
    'lookups/Clinical_Commissioning_Groups_(April_2019)_Names_and_Codes_in_England.csv',
    'Clinical Commissioning Groups (April 2019) Names and Codes in England',
    'April 2019',
  ),
  sicblIcb23: def(
    'sicbl-icb-nhser-2023',
    'lookups/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_(April_2023)_Lookup_in_England.csv',
    'Sub ICB Locations to Integrated Care Boards to NHS England (Region) (April 2023) Lookup in England',
    'April 2023',
  ),
  nhser19: def(
    'nhser-2019-names',
    'lookups/NHS_England_(Region)_(April_2019)_Names_and_Codes_in_England.csv',
    'NHS England (Region) (April 2019) Names and Codes in England',
    'April 2019',
  ),
  lsoaCcg19: def(
    'lsoa-ccg-lad-2019',
    'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv',
    'Lower Layer Super Output Area (2011) to Clinical Commissioning Group to Local Authority District (April 2019) Lookup in England',
    'April 2019',
  ),
  lsoaCcg20: def(
    'lsoa-ccg-lad-2020',
    'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2020)_Lookup_in_England.csv',
    'Lower Layer Super Output Area (2011) to Clinical Commissioning Group to Local Authority District (April 2020) Lookup in England',
    'April 2020',
  ),
  lsoaCcg21: def(
    'lsoa-ccg-lad-2021',
    'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2021)_Lookup_in_England.csv',
    'Lower Layer Super Output Area (2011) to Clinical Commissioning Group to Local Authority District (April 2021) Lookup in England',
    'April 2021',
  ),
  ccgStp20: def(
    'ccg-stp-2020',
    'lookups/Clinical_Commissioning_Group_to_STPs_(April_2020)_Lookup_in_England.csv',
    'Clinical Commissioning Group to STPs (April 2020) Lookup in England',
    'April 2020',
  ),
  ccgStpNhser21: def(
    'ccg-stp-nhser-2021',
    'lookups/Clinical_Commissioning_Group_to_STP_and_NHS_England_(Region)_(April_2021)_Lookup_in_England.csv',
    'Clinical Commissioning Group to STP and NHS England (Region) (April 2021) Lookup in England',
    'April 2021',
  ),
  ltlaUtla19: def(
    'ltla-utla-2019',
    'lookups/Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority_(April_2019)_Lookup_in_England_and_Wales.csv',
    'Lower Tier Local Authority to Upper Tier Local Authority (April 2019) Lookup in England and Wales',
    'April 2019',
  ),
  sape21dt5: def(
    'sape21dt5-ccg-2018',
    'population/SAPE21DT5_mid2018_pop_estimates.csv',
    'SAPE21DT5: Mid-2018 population estimates for Clinical Commissioning Groups in England (extract: all ages, persons)',
    'mid-2018',
  ),
  sape21dt11: def(
    'sape21dt11-lsoa-2018',
    'lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv',
    'SAPE21DT11: Mid-2018 Population Density for Lower Layer Super Output Areas in England and Wales (sheet "Mid-2018 Population Density" exported to CSV)',
    'mid-2018',
  ),
  mye2: def(
    'mye2-lad-2018',
    'la-population-2018/derived/ukmidyearestimates20182019ladcodes.MYE2-All.csv',
    'Population estimates for the UK, England and Wales, Scotland and Northern Ireland: mid-2018, April 2019 local authority codes (sheet MYE2-All exported to CSV)',
    'mid-2018',
  ),
  epraccur: def(
    'epraccur-2019-11',
    'gp-practices/epraccur.csv',
    'GP Practices (epraccur), Organisation Data Service',
    'November 2019',
    NHSD,
  ),
  payments: def(
    'nhs-payments-gp-2018-19',
    'gp-practices/nhspaymentsgp-18-19-csv.csv',
    'NHS Payments to General Practice, England, 2018/19 (practice-level CSV)',
    '2018/19',
    NHSD,
  ),
  icb22Shp: def(
    'icb-2022-boundaries-shp',
    'icb-2022/ICB_JUL_2022_EN_BUC_V3.shp',
    'Integrated Care Boards (July 2022) EN BUC (V3): geometry',
    'July 2022',
  ),
  icb22Dbf: def(
    'icb-2022-boundaries-dbf',
    'icb-2022/ICB_JUL_2022_EN_BUC_V3.dbf',
    'Integrated Care Boards (July 2022) EN BUC (V3): attributes (ICB22CD, ICB22NM)',
    'July 2022',
  ),
  lad19Shp: def(
    'lad-2019-boundaries-shp',
    'lad-2019/Local_Authority_Districts__December_2019__Boundaries_UK_BUC.shp',
    'Local Authority Districts (December 2019) Boundaries UK BUC: geometry',
    'December 2019',
  ),
  lad19Dbf: def(
    'lad-2019-boundaries-dbf',
    'lad-2019/Local_Authority_Districts__December_2019__Boundaries_UK_BUC.dbf',
    'Local Authority Districts (December 2019) Boundaries UK BUC: attributes',
    'December 2019',
  ),
  utla19Shp: def(
    'utla-2019-boundaries-shp',
    'utla-2019/utla_uk.shp',
    'Counties and Unitary Authorities (December 2019) Boundaries UK BUC: geometry',
    'December 2019',
  ),
  utla19Dbf: def(
    'utla-2019-boundaries-dbf',
    'utla-2019/utla_uk.dbf',
    'Counties and Unitary Authorities (December 2019) Boundaries UK BUC: attributes',
    'December 2019',
  ),
  lsoaTopoSums: def(
    'lsoa-2011-boundaries',
    LSOA_TOPO_SUMS,
    'Lower Layer Super Output Areas (December 2011) Generalised Clipped boundaries (BGC), England: TopoJSON per 2011 district by Martin Chorley (the 326 files in lsoa-2011/topo_lsoa_by_lad/, each checked against this list of sha256 sums)',
    'December 2011',
    `${ONS} (TopoJSON conversion: Martin Chorley, github.com/martinjc/UK-GeoJSON)`,
    `${OGL}; TopoJSON conversion CC BY 4.0`,
  ),
} satisfies Record<string, SourceDef>;

export const ATTRIBUTION: string[] = [
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0',
  'Contains OS data © Crown copyright and database right 2019–2022',
  'Contains public sector information licensed under the Open Government Licence v3.0 (NHS Digital: epraccur, NHS Payments to General Practice 2018/19)',
  'Contains National Statistics and OS data © Crown copyright and database right 2012–2016 (OGL v3.0); TopoJSON conversion by Martin Chorley (github.com/martinjc/UK-GeoJSON, CC BY 4.0)',
];
