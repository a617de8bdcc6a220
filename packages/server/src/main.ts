/** Entry point: serve with the configuration from the environment. */
import { loadConfig } from './config.js';
import { startServer, stopOnSignals } from './serve.js';

await startServer(loadConfig(), console.log, process.stdout.isTTY === true, { onListening: (server) => stopOnSignals(server) });
