import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiUnprocessableEntityResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '@stapsteen/auth';
import type { Request, Response } from 'express';
import { AccountsService } from '../application/accounts.service';
import { AccountErrorFilter } from './account-error.filter';
import { CookieSettings, REFRESH_TOKEN_COOKIE, clearSessionCookies, cookie, setSessionCookies } from './cookies';
import { PasswordLinksService } from '../application/password-links.service';
import { AccessTokenView, CredentialsDto, SignedInView, UsePasswordLinkDto, UserView } from './dto';
import { ACCOUNTS, COOKIE_SETTINGS, PASSWORD_LINKS } from './tokens';

@ApiTags('auth')
@UseFilters(AccountErrorFilter)
@Controller('api')
export class AuthController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountsService,
    @Inject(COOKIE_SETTINGS) private readonly cookies: CookieSettings,
    @Inject(PASSWORD_LINKS) private readonly links: PasswordLinksService,
  ) {}

  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in (web app): sets the stapsteen_at and stapsteen_rt cookies' })
  @ApiOkResponse({ type: SignedInView })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS (same answer for an unknown email)' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After' })
  async signIn(
    @Body() body: CredentialsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInView> {
    const tokens = await this.accounts.signIn(body.email, body.password, request.ip ?? 'unknown', true);
    setSessionCookies(response, this.cookies, tokens.accessToken, tokens.refreshToken);
    return { user: tokens.user };
  }

  @Public()
  @Post('auth/password-link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set one’s own password with a one-time invitation or reset link; signs in (sets both cookies)',
    description:
      'The password must meet the policy (12 to 128 characters); a refused password does not spend the link. ' +
      'Of several uses of one link exactly one succeeds. Ends the user’s earlier sessions (ADR 20).',
  })
  @ApiOkResponse({ type: SignedInView })
  @ApiNotFoundResponse({ description: 'AUTH.INVITE_INVALID (unknown, replaced by a newer link, or account blocked)' })
  @ApiGoneResponse({ description: 'AUTH.INVITE_EXPIRED' })
  @ApiConflictResponse({ description: 'AUTH.INVITE_USED' })
  @ApiUnprocessableEntityResponse({ description: 'GATEWAY.PASSWORD_TOO_SHORT / _TOO_LONG / _BLANK' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After (same bar as sign-in per IP)' })
  async usePasswordLink(
    @Body() body: UsePasswordLinkDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInView> {
    const userId = await this.links.use(body.token, body.password, request.ip ?? 'unknown');
    const tokens = await this.accounts.openSession(userId);
    setSessionCookies(response, this.cookies, tokens.accessToken, tokens.refreshToken);
    return { user: tokens.user };
  }

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Access token for API clients (use as Authorization: Bearer); no cookies' })
  @ApiOkResponse({ type: AccessTokenView })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After' })
  async token(@Body() body: CredentialsDto, @Req() request: Request): Promise<AccessTokenView> {
    const tokens = await this.accounts.signIn(body.email, body.password, request.ip ?? 'unknown', false);
    return { accessToken: tokens.accessToken, tokenType: 'Bearer', expiresIn: tokens.expiresIn };
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_TOKEN_COOKIE)
  @ApiOperation({
    summary: 'New access token and a rotated refresh token; reuse of an old one ends the session',
    description:
      'Every refresh rotates the refresh token. For REFRESH_GRACE_SECONDS (20 s) after a rotation, the token just ' +
      'rotated away answers the same new refresh token again (calls that raced the rotation keep the session); ' +
      'presented later, or after a further rotation, it ends the session with AUTH.REFRESH_REUSED (ADR 19).',
  })
  @ApiOkResponse({ type: SignedInView })
  @ApiUnauthorizedResponse({ description: 'AUTH.REFRESH_INVALID or AUTH.REFRESH_REUSED' })
  @ApiForbiddenResponse({ description: 'AUTH.CSRF_HEADER_MISSING' })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignedInView> {
    try {
      const tokens = await this.accounts.refresh(cookie(request, REFRESH_TOKEN_COOKIE));
      setSessionCookies(response, this.cookies, tokens.accessToken, tokens.refreshToken);
      return { user: tokens.user };
    } catch (error) {
      clearSessionCookies(response, this.cookies);
      throw error;
    }
  }

  @Public()
  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session and clears both cookies' })
  @ApiForbiddenResponse({ description: 'AUTH.CSRF_HEADER_MISSING' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.accounts.signOut(cookie(request, REFRESH_TOKEN_COOKIE));
    clearSessionCookies(response, this.cookies);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who is signed in' })
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING / AUTH.TOKEN_INVALID / AUTH.TOKEN_EXPIRED' })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.accounts.me(principal.userId);
  }
}
