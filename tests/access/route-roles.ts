import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@stapsteen/auth';

const ROLES_KEY = 'stapsteen:roles';
const PUBLIC_KEY = 'stapsteen:public';

export interface RouteAccess {
  /** Undefined: every signed-in role. */
  roles?: Role[];
  isPublic: boolean;
}

const join = (...parts: string[]) =>
  (
    '/' +
    parts
      .flatMap((part) => part.split('/'))
      .filter(Boolean)
      .join('/')
  ).replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * The @Roles/@Public metadata of every HTTP route of a booted app, keyed "METHOD /path" in the
 * OpenAPI path style, read the way the AccessTokenGuard reads it (handler overrides class).
 */
export function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      if (base === undefined) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as unknown;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || path === undefined) continue;
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as
          Role[] | undefined;
        const isPublic = !!(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller));
        for (const b of [base].flat())
          for (const p of [path].flat()) routes.set(`${RequestMethod[method]} ${join(b, p)}`, { roles, isPublic });
      }
    }
  }
  return routes;
}
