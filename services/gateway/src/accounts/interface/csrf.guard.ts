import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { violatesCsrfRule } from './cookies';

@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (violatesCsrfRule(context.switchToHttp().getRequest<Request>())) {
      throw new ForbiddenException({
        code: 'AUTH.CSRF_HEADER_MISSING',
        detail: 'A cookie-authenticated change needs the X-Requested-With: stapsteen-web header.',
      });
    }
    return true;
  }
}
