/**
 * The web app's view of the APIs, from the types generated out of each service's OpenAPI document
 * (`src/generated/`, `npm run generate:web-client`). Nothing here is written by hand but the
 * gateway's routing: the gateway serves its own routes under `/api` and proxies
 * `/api/<service>/*` to each service, so a service path `/kpis/summary` is `/flow-through/kpis/summary`
 * here, relative to `/api` like every path `api()` takes.
 */
import type * as Coaching from './generated/coaching';
import type * as FlowThrough from './generated/flow-through';
import type * as Gateway from './generated/gateway';
import type * as Hours from './generated/hours';

type Prefixed<Paths, Prefix extends string> = { [Path in keyof Paths & string as `${Prefix}${Path}`]: Paths[Path] };
type UnderApi<Paths> = {
  [Path in keyof Paths & string as Path extends `/api${infer Rest}` ? Rest : never]: Paths[Path];
};

/** Every operation the web app can call, by its path relative to `/api`. */
export type ApiPaths = UnderApi<Gateway.paths> &
  Prefixed<FlowThrough.paths, '/flow-through'> &
  Prefixed<Hours.paths, '/hours'> &
  Prefixed<Coaching.paths, '/coaching'>;

export type GatewaySchemas = Gateway.components['schemas'];
export type FlowThroughSchemas = FlowThrough.components['schemas'];
export type HoursSchemas = Hours.components['schemas'];
export type CoachingSchemas = Coaching.components['schemas'];

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The paths that answer `method` (`never` where the path has no such operation). */
export type PathsWith<M extends Method> = {
  [Path in keyof ApiPaths]: ApiPaths[Path] extends { [K in M]: object } ? Path : never;
}[keyof ApiPaths];

type JsonOf<Content> = Content extends { content: { 'application/json': infer Body } } ? Body : never;

/** What a successful call of `method` on `path` answers with (the JSON of its 2xx responses). */
export type ResponseOf<Path extends keyof ApiPaths, M extends Method> = ApiPaths[Path] extends {
  [K in M]: { responses: infer Responses };
}
  ? JsonOf<Responses[Extract<keyof Responses, 200 | 201 | 202>]>
  : never;

/** The JSON body `method` on `path` takes. */
export type RequestBodyOf<Path extends keyof ApiPaths, M extends Method> = ApiPaths[Path] extends {
  [K in M]: { requestBody?: infer Body };
}
  ? JsonOf<NonNullable<Body>>
  : never;

/** The problem (RFC 9457) every service answers an error with. */
export type ProblemDetails = GatewaySchemas['ProblemDetailsView'];
