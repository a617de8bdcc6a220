/** The shared 404 and invalid-id 400: the bodies each family's wording yields, to the byte. */
import { describe, expect, it } from 'vitest';
import { invalidId, notFound } from '../../../src/platform/errors/api-error.js';
import { greenlakeErrorBody } from '../../../src/platform/errors/greenlake-error-body.js';

const body = (error: ReturnType<typeof notFound>) => JSON.stringify(greenlakeErrorBody(error, 'd-1'));
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('notFound', () => {
  it('names the id in a metadata detail from its source', () => {
    expect(body(notFound('hpe.greenlake.flex', ID))).toBe(
      '{"httpStatusCode":404,"errorCode":"HPE_GL_ERROR_NOT_FOUND","message":"Not Found","debugId":"d-1",' +
        `"errorDetails":[{"type":"hpe.greenlake.metadata","source":"hpe.greenlake.flex","metadata":{"id":{"message":"Resource with id [${ID}] not found"}}}]}`,
    );
  });

  it("takes a family's own catalog entry, message and noun", () => {
    const subscription = notFound('hpe.greenlake.subscriptionmanagement', ID, { error: 'SUBSCRIPTION_NOT_FOUND' });
    expect(greenlakeErrorBody(subscription, 'd-1')).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND', message: 'Not Found' });
    const meter = notFound('consumo.metering.catalog', 'cpu', { message: "No meter 'cpu' in this workspace." });
    expect(meter.message).toBe("No meter 'cpu' in this workspace.");
    expect(meter.details).toEqual([{ type: 'hpe.greenlake.metadata', source: 'consumo.metering.catalog', metadata: { id: { message: 'Resource with id [cpu] not found' } } }]);
    const workspace = notFound('consumo.admin', 'ab', { noun: 'Workspace' });
    expect(workspace.details).toEqual([{ type: 'hpe.greenlake.metadata', source: 'consumo.admin', metadata: { id: { message: 'Workspace [ab] not found' } } }]);
  });
});

describe('invalidId', () => {
  it('is a 400 on the path parameter, worded as GreenLake does unless told otherwise', () => {
    expect(body(invalidId('id'))).toBe(
      '{"httpStatusCode":400,"errorCode":"HPE_GL_ERROR_BAD_REQUEST","message":"Bad Request.","debugId":"d-1",' +
        '"errorDetails":[{"type":"hpe.greenlake.bad_request","issues":[{"source":"path.parameter","subject":"id","description":"Id is not a valid UUID."}]}]}',
    );
    expect(invalidId('runId', 'Must be a UUID.').details).toEqual([
      { type: 'hpe.greenlake.bad_request', issues: [{ source: 'path.parameter', subject: 'runId', description: 'Must be a UUID.' }] },
    ]);
  });
});
