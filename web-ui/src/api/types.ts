import type { HttpMethod, RequestBodyJSON, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './schema';

// Request/response types picked from the GENERATED schema by path and method, so feature code
// never restates an API shape (and never depends on how the server names its DTO classes).

export type ApiPath = keyof paths;
type Operation<P extends ApiPath, M extends HttpMethod> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse<P extends ApiPath, M extends HttpMethod = 'get'> = SuccessResponseJSON<Operation<P, M> & Record<string | number, any>>;
export type ApiBody<P extends ApiPath, M extends HttpMethod> = RequestBodyJSON<Operation<P, M>>;
