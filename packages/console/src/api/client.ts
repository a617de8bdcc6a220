/** The one API client of the console: @consumo/sdk in session mode (the cookie, same origin). */
import { createSessionClient } from '@consumo/sdk';

export const api = createSessionClient();
