/**
 * `@consumo/focus/columns`: the FOCUS column specifications alone, without the conformance checker
 * (Arrow, Parquet), for the console's export filter, which offers the columns of the export's dataset.
 */
export { FOCUS_1_2_COLUMNS, type FocusColumn, type FocusDataType } from './focus-1.2-columns.js';
export { FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS, type Focus13Column, type FocusDataset } from './focus-1.3-columns.js';
