import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@stapsteen/auth';
import { SuggestionService } from '../application/suggestion-service';
import { UuidParam } from '@stapsteen/service-kit';

const SUGGESTIONS_EXAMPLE = {
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  suggestions: [
    {
      modality: 'GROUP',
      competencyCodes: ['DIGITAAL'],
      reasonCodes: ['SHARED_GAP'],
      reason:
        'Onder het doelniveau op Digitale vaardigheden, net als veel andere deelnemers van de organisatie ' +
        '(Digitale vaardigheden: 9 van 21). Een groepstraining werkt goed voor vaardigheden die velen missen.',
      reasonEn:
        'Below target on Digital skills, like many other participants of the organisation ' +
        '(Digital skills: 9 of 21). Group training suits skills many people lack.',
      addOn: false,
      sharedGaps: [{ competencyCode: 'DIGITAAL', participantsBelowTarget: 9, participantsAssessed: 21 }],
    },
    {
      modality: 'ONE_ON_ONE',
      competencyCodes: ['DIGITAAL', 'STIPTHEID'],
      reasonCodes: ['LOW_HOURS'],
      reason:
        'Te weinig gepresteerde uren gesignaleerd en onder het doelniveau op Digitale vaardigheden, ' +
        'Stiptheid en aanwezigheid. Individuele coaching kan persoonlijke drempels aanpakken.',
      reasonEn:
        'Low hours flagged and below target on Digital skills, Punctuality and attendance. ' +
        '1-on-1 coaching can address personal barriers.',
      addOn: false,
      sharedGaps: [],
    },
    {
      modality: 'PEER',
      competencyCodes: ['STIPTHEID'],
      reasonCodes: ['MOTIVATION_RETENTION'],
      reason:
        'Peercoaching als aanvulling: onder het doelniveau op Stiptheid en aanwezigheid, wat motivatie en ' +
        'volhouden raakt. Peersteun werkt vooral naast andere begeleiding, niet in de plaats ervan.',
      reasonEn:
        'Peer coaching as an add-on: below target on Punctuality and attendance, which bears on motivation and ' +
        'staying on. Peer support works mainly next to other support, not instead of it.',
      addOn: true,
      sharedGaps: [],
    },
  ],
};

@ApiTags('suggestions')
@Controller()
export class SuggestionsController {
  constructor(@Inject(SuggestionService) private readonly suggestions: SuggestionService) {}

  @Get('participants/:id/modality-suggestions')
  @ApiOperation({
    summary: 'Which coaching modality to consider for a participant, each with why (advice only: nothing is assigned)',
    description:
      'GROUP: a competency below target that at least COACHING_GROUP_SHARE_PERCENT % (and ' +
      'COACHING_GROUP_MIN_PARTICIPANTS) of the organisation’s other assessed participants lack too. ONE_ON_ONE: ' +
      'low hours flagged. PEER (an add-on): a motivation-related competency (STIPTHEID, LEERVERMOGEN, STRESS) below ' +
      'target, or active group or 1-on-1 coaching and two or more competencies below target. Ratings: the latest ' +
      'COACH and ORGANISER ratings. A modality already active (for GROUP: on the competency) is never suggested.',
  })
  @ApiOkResponse({ schema: { example: SUGGESTIONS_EXAMPLE } })
  forParticipant(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string) {
    return this.suggestions.forParticipant(principal, id);
  }
}
