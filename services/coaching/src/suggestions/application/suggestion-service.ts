import type { Principal } from '@stapsteen/auth';
import type { AssessmentRepository, AssessmentService } from '../../assessments/application/assessment-service';
import type { AssignmentSummaries } from '../../assignments/application/assignment-summaries';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import {
  ModalitySuggestion,
  SuggestionPolicy,
  competencyNames,
  suggestModalities,
} from '../domain/modality-suggestions';

export interface ModalitySuggestions {
  participantId: string;
  /** Advice for the coach, who decides: nothing is assigned. */
  suggestions: ModalitySuggestion[];
}

/** Which coaching modality to consider for a participant, and why. Reads only; assigns nothing. */
export class SuggestionService {
  constructor(
    private readonly assessmentService: AssessmentService,
    private readonly assessments: AssessmentRepository,
    private readonly assignments: AssignmentSummaries,
    private readonly catalogues: CatalogueService,
    private readonly policy: SuggestionPolicy,
  ) {}

  async forParticipant(principal: Principal, participantId: string): Promise<ModalitySuggestions> {
    // Out of scope answers 404, like every other participant read.
    const participant = await this.assessmentService.readableParticipant(principal, participantId);
    const [own, organisation, assignments, catalogue] = await Promise.all([
      this.assessments.forParticipant(participantId),
      this.assessments.forOrganisation(participant.organisationId),
      this.assignments.summariesFor(participantId),
      this.catalogues.current(participant.organisationId),
    ]);
    return {
      participantId,
      suggestions: suggestModalities(
        {
          participantId,
          assessments: own,
          organisationAssessments: organisation,
          lowHoursFlagged: participant.lowHours?.flagged ?? false,
          assignments,
          names: competencyNames(catalogue.competencies),
        },
        this.policy,
      ),
    };
  }
}
