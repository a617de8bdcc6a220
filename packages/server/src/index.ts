/** @consumo/server public surface: build or start the service, open and migrate its database, seed demo data. */
export { buildApp, type BuildOptions, type ConsumoApp } from './app.js';
export { loadConfig, testConfig, ConfigError, DEFAULT_DATABASE_URL, type Config } from './config.js';
export { startServer, stopOnSignals, type RunningServer, type StartOptions } from './serve.js';
export { openMigratedMemoryDatabase } from './storage/memory-template.js';
export { serve } from './serve-workers.js';
export { createDb, type Engine, type OpenDatabase } from './storage/create-db.js';
export { withPreparedStatements } from './storage/prepared-statements.js';
export { migrateToLatest, migrateDown, MigrationError } from './storage/migrator.js';
export type { Db, Database } from './storage/database.js';
export { bootstrap, type BootstrapCredentials } from './platform/bootstrap.js';
export { roleNames } from './platform/rbac/permissions.js';
export { seedBudgetsDemo, seedFlexDemo, seedFocusExportsDemo, seedMeteringDemo, type SeedMeteringDemoResult } from './demo/index.js';
export { seedSubscriptionsDemo, type SeedSubscriptionsDemoOptions, type SeedSubscriptionsDemoResult } from './demo/index.js';
export { openApiDocument } from './openapi-document.js';
export * as focusExportQueries from './modules/focus-exports/export-queries.js';
