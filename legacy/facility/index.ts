/** The facility/asset system stand-in: its GBK CSV exports, one per district. */
export { encodeFacilityCsv, writeFacilityCsvs } from './write-facility-csv';
