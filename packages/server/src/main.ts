/** Entry point: serve with the configuration from the environment. */
import { loadConfig } from './config.js';
import { startServer, stopOnSignals } from './serve.js';

const server = await startServer(loadConfig());
stopOnSignals(server);
