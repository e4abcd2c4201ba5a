import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, UseFilters } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@stapsteen/auth';
import { AccountsService } from '../application/accounts.service';
import { AccountErrorFilter } from './account-error.filter';
import { PasswordLinksService } from '../application/password-links.service';
import {
  AdminUserView,
  CreateUserDto,
  CreatedUserView,
  PasswordLinkView,
  SetPasswordDto,
  UpdateUserDto,
  UserView,
} from './dto';
import { ACCOUNTS, PASSWORD_LINKS } from './tokens';
import { EntityIdParam } from '@stapsteen/service-kit';

@ApiTags('admin')
@UseFilters(AccountErrorFilter)
@Roles('ADMIN')
@ApiForbiddenResponse({ description: 'AUTH.ROLE_FORBIDDEN for anyone but an ADMIN' })
@Controller('api/admin/users')
export class UsersController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountsService,
    @Inject(PASSWORD_LINKS) private readonly links: PasswordLinksService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users' })
  @ApiOkResponse({ type: [AdminUserView] })
  list(): Promise<AdminUserView[]> {
    return this.accounts.listUsers();
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description:
      'Without a password the answer carries `invitation`: a one-time link (72 h by default) with which the user ' +
      'sets their own password. It is shown once; hand it over (there is no mail server).',
  })
  @ApiCreatedResponse({ type: CreatedUserView })
  @ApiConflictResponse({ description: 'GATEWAY.USER_EXISTS' })
  @ApiUnprocessableEntityResponse({ description: 'GATEWAY.PASSWORD_TOO_SHORT, GATEWAY.MANAGER_WITHOUT_REGION, …' })
  async create(@Body() body: CreateUserDto): Promise<CreatedUserView> {
    const user = await this.accounts.createUser({ ...body, regionId: body.regionId ?? null });
    if (body.password !== undefined) return user;
    return { ...user, invitation: await this.links.issue(user.id) };
  }

  @Post(':id/password-link')
  @ApiOperation({
    summary: 'A new one-time link to set the password',
    description:
      'An invitation while the user has no password yet, else a reset link (1 h by default). Links issued ' +
      'earlier for this user stop working. The old password keeps working until the link is used; using it ends ' +
      'the user’s sessions (ADR 20).',
  })
  @ApiCreatedResponse({ type: PasswordLinkView })
  @ApiNotFoundResponse({ description: 'GATEWAY.USER_NOT_FOUND' })
  passwordLink(@Param('id', EntityIdParam) id: string): Promise<PasswordLinkView> {
    return this.links.issue(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, scope or active flag' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'GATEWAY.USER_NOT_FOUND' })
  update(@Param('id', EntityIdParam) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.accounts.updateUser(id, body);
  }

  @Put(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password' })
  @ApiNotFoundResponse({ description: 'GATEWAY.USER_NOT_FOUND' })
  async setPassword(@Param('id', EntityIdParam) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.accounts.setPassword(id, body.password);
  }
}
