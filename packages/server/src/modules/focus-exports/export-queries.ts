/**
 * The statements a FOCUS export runs, for tools outside the server that must run the very same
 * ones (bench/focus-export measures the contents endpoint against COPY of its own statement).
 */
export { csvCopyStatement, inlineParameters } from './csv-copy.repository.js';
export { headerLine } from './csv-encoder.js';
export { PROFILES, columnsRead } from './export-profiles.js';
export { costRowStream, type CostRange } from './focus-exports.repository.js';
export { STREAMING_READ_SETTINGS } from '../../storage/engines/copy-out.js';
export { ensureCostPartitions } from '../cost-records/index.js';
