import { createOpenApiHttp } from 'openapi-msw';
import type { paths } from '@/api/schema';
import { env } from '@/config/env';

/** MSW handlers typed from the generated schema: a handler for a path or body the API doesn't have won't compile. */
export const http = createOpenApiHttp<paths>({ baseUrl: env.API_URL });
