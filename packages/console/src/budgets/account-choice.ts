/** Which billing account the page shows: `?account=` when it is a billing account id, else the first account with a budget. */

const ACCOUNT = /^(?!\.{1,2}$)[A-Za-z0-9._:@/-]{1,256}$/;

export function chosenAccount(accounts: readonly string[], requested: string | null): string | null {
  const text = requested?.trim() ?? '';
  if (ACCOUNT.test(text)) return text;
  return accounts[0] ?? null;
}

/** The Select's choices: the accounts with a budget, and the requested one if it has none yet. */
export function accountChoices(accounts: readonly string[], chosen: string | null): string[] {
  return chosen !== null && !accounts.includes(chosen) ? [...accounts, chosen].sort() : [...accounts];
}
