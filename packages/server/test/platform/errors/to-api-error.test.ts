import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/platform/errors/api-error.js';
import { greenlakeErrorBody } from '../../../src/platform/errors/greenlake-error-body.js';
import { toApiError } from '../../../src/platform/errors/to-api-error.js';

describe('toApiError', () => {
  it('turns an unexpected error into a 500 that hides its message', () => {
    const error = toApiError(new Error('password=hunter2 at db.internal:5432'));
    const body = greenlakeErrorBody(error, 'req-1');
    expect(body).toEqual({
      httpStatusCode: 500,
      errorCode: 'HPE_GL_ERROR_INTERNAL_SERVER_ERROR',
      message: 'Internal Server Error',
      debugId: 'req-1',
      errorDetails: [{ type: 'hpe.greenlake.retry_info', retryAfterSeconds: 30 }],
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('keeps an ApiError as it is', () => {
    const original = new ApiError('CONFLICT', { message: 'taken' });
    expect(toApiError(original)).toBe(original);
  });

  it("maps Fastify's client errors by status", () => {
    const err = Object.assign(new Error('Unsupported Media Type: text/plain'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(toApiError(err)).toMatchObject({ status: 415, errorCode: 'HPE_GL_ERROR_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('names each failing parameter of a validation error', () => {
    const err = Object.assign(new Error('bad'), {
      statusCode: 400,
      validationContext: 'querystring',
      validation: [
        { instancePath: '/limit', keyword: 'maximum', params: { limit: 100 }, message: 'must be <= 100' },
        { instancePath: '', keyword: 'required', params: { missingProperty: 'group-by' }, message: "must have required property 'group-by'" },
      ],
    });
    expect(toApiError(err).details).toEqual([
      {
        type: 'hpe.greenlake.bad_request',
        issues: [
          { source: 'query.parameter', subject: 'limit', description: 'Must be a numeric value which is 100 or less.' },
          { source: 'query.parameter', subject: 'group-by', description: 'Required parameter is missing.' },
        ],
      },
    ]);
  });

  it('says to give a single-value parameter once, with one issue however many schema branches failed', () => {
    const err = Object.assign(new Error('bad'), {
      statusCode: 400,
      validationContext: 'querystring',
      validation: [
        { instancePath: '/filter', keyword: 'type', params: { type: 'string' }, data: ["a eq 'x'", "b eq 'y'"] },
        { instancePath: '/granularity', keyword: 'const', params: { allowedValue: 'DAY' }, data: ['DAY', 'MONTH'] },
        { instancePath: '/granularity', keyword: 'const', params: { allowedValue: 'MONTH' }, data: ['DAY', 'MONTH'] },
        { instancePath: '/granularity', keyword: 'anyOf', params: {}, data: ['DAY', 'MONTH'] },
        { instancePath: '/limit', keyword: 'type', params: { type: 'integer' }, data: 'ten' },
      ],
    });
    expect(toApiError(err).details).toEqual([
      {
        type: 'hpe.greenlake.bad_request',
        issues: [
          {
            source: 'query.parameter',
            subject: 'filter',
            description: "Takes one value but was given 2 times; join the conditions with 'and' (or 'or') in one filter.",
          },
          { source: 'query.parameter', subject: 'granularity', description: 'Takes one value but was given 2 times; give one granularity=… only.' },
          { source: 'query.parameter', subject: 'limit', description: 'Must be an integer.' },
        ],
      },
    ]);
  });
});
