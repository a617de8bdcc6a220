import { ConsumoApiError } from '@consumo/sdk';
import { describe, expect, it } from 'vitest';
import { describeError, isUnauthenticated, issuesAbout } from '../../src/api/errors.js';

describe('API errors in words', () => {
  it('reads the GreenLake envelope: message, errorCode, debugId, details', () => {
    const error = new ConsumoApiError(400, {
      httpStatusCode: 400,
      errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
      message: 'Bad request',
      debugId: 'd-123',
      errorDetails: [{ type: 'hpe.greenlake.bad_request', issues: [{ source: 'query.parameter', subject: 'from', description: 'Must be a day.' }] }],
    });
    expect(describeError(error)).toEqual({
      message: 'Bad request',
      status: 400,
      errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
      debugId: 'd-123',
      details: ['from: Must be a day.'],
    });
  });

  it('says something for a body without an envelope and for an unreachable server', () => {
    expect(describeError(new ConsumoApiError(502, undefined))).toEqual({ message: 'The server answered HTTP 502.', status: 502 });
    expect(describeError(new TypeError('Failed to fetch')).message).toMatch(/could not be reached/);
  });

  it('knows a lost session', () => {
    expect(isUnauthenticated(new ConsumoApiError(401, {}))).toBe(true);
    expect(isUnauthenticated(new ConsumoApiError(403, {}))).toBe(false);
  });

  it("finds what a 400 says about one parameter (the filter box shows it), and nothing in other errors", () => {
    const error = new ConsumoApiError(400, {
      errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
      errorDetails: [
        { issues: [{ subject: 'filter', description: "unknown field 'Tags' at position 1" }, { subject: 'from', description: 'Must be a day.' }] },
      ],
    });
    expect(issuesAbout(error, 'filter')).toEqual(["unknown field 'Tags' at position 1"]);
    expect(issuesAbout(error, 'groupBy')).toEqual([]);
    expect(issuesAbout(new ConsumoApiError(403, { errorDetails: [{ issues: [{ subject: 'filter', description: 'x' }] }] }), 'filter')).toEqual([]);
    expect(issuesAbout(new TypeError('Failed to fetch'), 'filter')).toEqual([]);
  });
});
