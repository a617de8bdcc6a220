/** @consumo/testing: start an in-process Consumo stand-in for a test suite and steer it. */
export { startConsumo, type Consumo } from './start-consumo.js';
export { DEFAULT_CREDENTIALS, type HarnessCredentials, type StartConsumoOptions } from './harness-config.js';
export { harnessControl, type HarnessControl, type LoggedRequest, type RequestMatch } from './control.js';
