import {
  CanActivate,
  DynamicModule,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Module,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Principal, Role } from './principal';
import { AuthConfig, AuthenticationError, TokenVerifier } from './token-verifier';

const PUBLIC = 'stapsteen:public';
const ROLES_KEY = 'stapsteen:roles';

/**
 * The web app's access token travels in this httpOnly cookie; API clients use a bearer header.
 * Because browsers send cookies on cross-site requests, the gateway must set it SameSite=Strict
 * (or add a CSRF check) before any state-changing route relies on it.
 */
export const ACCESS_TOKEN_COOKIE = 'stapsteen_at';

/** Marks a route that needs no token: health probes and metrics only. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Limits a route to some roles; scope (which organisation) is checked by the use case. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of an HTTP route, as the guard attached it to the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request & { principal?: Principal }>().principal;
  if (!principal) throw new UnauthorizedException({ code: 'AUTH.TOKEN_MISSING', detail: 'Sign in first.' });
  return principal;
});

// RFC 9110 makes the scheme name case-insensitive; some clients send "bearer".
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function tokenFrom(request: Request): string | undefined {
  const bearer = BEARER.exec(request.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const cookies = request.headers.cookie;
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== ACCESS_TOKEN_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      // A mangled cookie is the caller's problem (401), not a server error (500).
      return value.join('=');
    }
  }
  return undefined;
}

/** Runs on every HTTP route of every service: who is asking, and may their role do this. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka consumers are not user-facing; producers are trusted services on the broker.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    try {
      request.principal = await this.verifier.verify(tokenFrom(request));
    } catch (error) {
      if (error instanceof AuthenticationError)
        throw new UnauthorizedException({ code: error.code, detail: error.message });
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException({ code: 'AUTH.ROLE_FORBIDDEN', detail: 'Your role does not allow this.' });
    }
    return true;
  }
}

@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AccessTokenGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
