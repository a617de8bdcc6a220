/** What the Navigator family needs from the app. */
import type { AccessTokens } from '../../platform/auth/access-tokens.js';
import type { TokenThrottle } from '../../platform/auth/token-throttle.js';
import type { Db } from '../../storage/database.js';

export interface NavigatorDeps {
  db: Db;
  /** Issues the access tokens an API token is exchanged for. */
  tokens: AccessTokens;
  now: () => number;
  /** The token endpoints' failed-attempt throttle (per source address), shared with the OAuth2 token endpoints. */
  tokenThrottle?: TokenThrottle;
}
