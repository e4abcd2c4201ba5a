import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@stapsteen/auth';
import { PlansHandler } from '../application/plans';
import { PlanView, PutPlanRequest, SendReferralRequest, UpdateReferralRequest } from './plan.dto';
import { UuidParam } from '@stapsteen/service-kit';

/** The flow-through plan of the current trajectory: where it aims, the steps, referrals to partners. */
@ApiTags('trajectories')
@Controller('participants/:id/trajectory')
export class PlanController {
  constructor(private readonly plans: PlansHandler) {}

  @Get('plan')
  @Roles('ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'The flow-through plan of the current trajectory (empty until one is made)' })
  @ApiOkResponse({ type: PlanView })
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParam) id: string): Promise<PlanView> {
    return this.plans.get(p, id);
  }

  @Put('plan')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Set the target destination and replace the steps (referrals are kept)' })
  @ApiOkResponse({ type: PlanView })
  put(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: PutPlanRequest,
  ): Promise<PlanView> {
    return this.plans.save(p, id, { targetDestination: body.targetDestination, steps: body.steps });
  }

  @Post('referrals')
  @HttpCode(201)
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Refer the participant to a partner organisation (status SENT)' })
  @ApiOkResponse({ type: PlanView })
  refer(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: SendReferralRequest,
  ): Promise<PlanView> {
    return this.plans.sendReferral(p, id, body);
  }

  @Patch('referrals/:referralId')
  @Roles('ORGANISER', 'COACH', 'ADMIN')
  @ApiOperation({ summary: 'Move a referral on: SENT → ACCEPTED | REFUSED | DONE, ACCEPTED → DONE | REFUSED' })
  @ApiOkResponse({ type: PlanView })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParam) id: string,
    @Param('referralId', UuidParam) referralId: string,
    @Body() body: UpdateReferralRequest,
  ): Promise<PlanView> {
    return this.plans.updateReferral(p, id, referralId, body);
  }
}
