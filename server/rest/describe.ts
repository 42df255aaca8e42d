/**
 * OpenAPI descriptions of the REST routes, generated from the valibot schemas: request
 * bodies and parameters from the input schemas of common/schemas.ts, answers from
 * responses.ts. Every route may answer problem details (`default`).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { describeRoute, resolver, type DescribeRouteOptions } from 'hono-openapi';
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { PROBLEM_MEDIA_TYPE } from '../http/problem.ts';
import { ProblemSchema } from './responses.ts';

type Parameter = Exclude<NonNullable<DescribeRouteOptions['parameters']>[number], { $ref: string }>;
type ObjectSchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

export interface RouteDescription {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly body?: v.GenericSchema;
  readonly path?: ObjectSchema;
  readonly query?: ObjectSchema;
  /** Status → [description, schema]. */
  readonly answers: Readonly<Record<number, readonly [string, v.GenericSchema]>>;
}

export function describe(route: RouteDescription): MiddlewareHandler {
  const responses: NonNullable<DescribeRouteOptions['responses']> = {};
  for (const [status, [description, schema]] of Object.entries(route.answers)) {
    responses[status] = {
      description,
      content: { 'application/json': { schema: resolver(schema) } },
    };
  }
  responses.default = {
    description: 'A problem (RFC 9457): the stable `code`, its `params` and field `errors`',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: resolver(ProblemSchema) } },
  };
  const parameters = [
    ...(route.path ? parametersOf(route.path, 'path') : []),
    ...(route.query ? parametersOf(route.query, 'query') : []),
  ];
  return describeRoute({
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: ['v1'],
    security: [{ bearerAuth: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: resolver(route.body) } },
          },
        }
      : {}),
    responses,
  });
}

/** One parameter per field of an object schema, its JSON schema from the same valibot schema. */
function parametersOf(schema: ObjectSchema, where: 'path' | 'query'): Parameter[] {
  const json = toJsonSchema(schema, { errorMode: 'ignore' }) as {
    properties?: Record<string, NonNullable<Parameter['schema']>>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}
