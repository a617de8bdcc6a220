/** The GreenLake 401 body, as the Flex spec shows it. */
import { ApiError } from '../errors/index.js';

export function unauthorized(reason: string): ApiError {
  return new ApiError('UNAUTHORIZED', {
    details: [
      {
        type: 'hpe.greenlake.metadata',
        source: 'hpe.greenlake.authorization',
        metadata: { access_token: 'Token provided is invalid', reason },
      },
    ],
    headers: { 'WWW-Authenticate': 'Bearer realm="consumo", error="invalid_token"' },
  });
}
