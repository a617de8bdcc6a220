export {
  ApiError, badRequest, invalidId, notFound, queryIssue, type Issue, type IssueSource, type ErrorDetail, type NotFoundWording,
} from './api-error.js';
export { errorCatalog, type ErrorName, type CatalogEntry } from './error-catalog.js';
export { greenlakeErrorBody, type GreenLakeErrorBody } from './greenlake-error-body.js';
export { toApiError } from './to-api-error.js';
