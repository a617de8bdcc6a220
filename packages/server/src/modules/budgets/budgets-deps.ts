/** What every part of the budgets family is given. */
import type { Db } from '../../storage/database.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { PrincipalLookup } from '../../platform/auth/principal-lookup.js';

export interface BudgetsDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** Looks API clients up for HTTP Basic (Cloud Cruiser's authentication). */
  credentials: PrincipalLookup;
  /** Where e-mail alerts are sent from (SMTP_URL); undefined: e-mail channels record a failed attempt. */
  smtpUrl: string | undefined;
  /** The From address of alert e-mail (CONSUMO_MAIL_FROM). */
  mailFrom: string;
  /** Attempts before a notification delivery is given up as DEAD (CONSUMO_NOTIFICATION_ATTEMPTS). */
  notificationAttempts: number;
}
