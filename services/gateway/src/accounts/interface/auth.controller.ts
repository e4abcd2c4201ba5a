import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
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
import { AccessTokenView, CredentialsDto, SignedInView, UserView } from './dto';
import { ACCOUNTS, COOKIE_SETTINGS } from './tokens';

@ApiTags('auth')
@UseFilters(AccountErrorFilter)
@Controller('api')
export class AuthController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountsService,
    @Inject(COOKIE_SETTINGS) private readonly cookies: CookieSettings,
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
