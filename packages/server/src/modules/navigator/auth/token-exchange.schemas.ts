/** The shapes of the two API-token exchanges: Navigator's (JSON) and CSP's (form, OAuth2-like). */
import { Type } from '@sinclair/typebox';

const API_TOKEN = 'A workspace API token (created with `POST /admin/v1/workspaces/{workspaceId}/api-tokens`).';

export const NavigatorAccessTokenBody = Type.Object(
  { refreshToken: Type.String({ description: API_TOKEN }) },
  { additionalProperties: true, description: 'JSON (`application/json`).' },
);

export const NavigatorAccessToken = Type.Object({
  accessToken: Type.String({ description: 'A signed JWT: send it as `csp-auth-token` (or `Authorization: Bearer`).' }),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires: 1799. Consumo adds this key and tokenType.' }),
  tokenType: Type.Literal('bearer'),
});

export const CspAuthorizeBody = Type.Object(
  {
    api_token: Type.Optional(Type.String({ description: API_TOKEN })),
    refresh_token: Type.Optional(Type.String({ description: 'The API token, as older clients name it (read when api_token is absent).' })),
  },
  { additionalProperties: true, description: 'A form (`application/x-www-form-urlencoded`); JSON with the same fields is taken too.' },
);

export const CspAuthorizeQuery = Type.Object({
  refresh_token: Type.Optional(Type.String({ description: 'The API token in the query string (read when the body names none).' })),
});

export const CspAccessToken = Type.Object({
  access_token: Type.String({ description: 'A signed JWT: send it as `csp-auth-token` (or `Authorization: Bearer`).' }),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires: 1799.' }),
  id_token: Type.String({
    description: 'A signed JWT with the access token\'s claims and `token_use: "id"`, for the audience `consumo-id`: it names the caller and is refused as an access token.',
  }),
  refresh_token: Type.String({ description: 'The API token given, echoed.' }),
  scope: Type.String({ description: "The API token's roles, separated by spaces." }),
  token_type: Type.Literal('bearer'),
});
