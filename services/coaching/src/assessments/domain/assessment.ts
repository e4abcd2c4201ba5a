import type { AssessorKind } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { Catalogue, MAX_LEVEL, MIN_LEVEL, assertKnownCompetencies } from '../../competencies/domain/catalogue';

export const ASSESSOR_KIND_VALUES: readonly AssessorKind[] = ['COACH', 'ORGANISER', 'SELF', 'GEBRUIKER'];

/** Only an assessment by staff counts as the baseline; a self-assessment or a gebruiker's feedback does not. */
export const BASELINE_KINDS: readonly AssessorKind[] = ['COACH', 'ORGANISER'];

export interface Rating {
  competencyCode: string;
  level: number;
  /** The assessor's observation; stays in this service, never in an event. */
  note: string | null;
}

/** One assessment is immutable: a later one of the same kind is a new record, never an overwrite. */
export interface Assessment {
  id: string;
  participantId: string;
  organisationId: string;
  regionId: string;
  assessorKind: AssessorKind;
  /** The staff member who entered it (for SELF and GEBRUIKER: who entered it on their behalf). */
  recordedBy: string;
  recordedAt: string;
  assessedOn: string;
  catalogueVersion: number;
  targetLevel: number;
  ratings: Rating[];
}

export interface AssessmentInput {
  id: string;
  participant: { participantId: string; organisationId: string; regionId: string };
  assessorKind: AssessorKind;
  assessedOn: string;
  ratings: Rating[];
  recordedBy: string;
  recordedAt: string;
  today: string;
}

export function createAssessment(input: AssessmentInput, catalogue: Catalogue): Assessment {
  if (input.ratings.length === 0) {
    throw new DomainError('COACHING.NO_RATINGS', 'validation', 'Rate at least one competency.');
  }
  const codes = input.ratings.map((rating) => rating.competencyCode);
  const repeated = [...new Set(codes.filter((code, index) => codes.indexOf(code) !== index))];
  if (repeated.length > 0) {
    throw new DomainError(
      'COACHING.COMPETENCY_REPEATED',
      'validation',
      `Rate each competency once; repeated: ${repeated.join(', ')}.`,
      {
        repeated,
      },
    );
  }
  assertKnownCompetencies(catalogue, codes);
  const outOfScale = input.ratings.filter(
    (r) => !Number.isInteger(r.level) || r.level < MIN_LEVEL || r.level > MAX_LEVEL,
  );
  if (outOfScale.length > 0) {
    throw new DomainError(
      'COACHING.LEVEL_OUT_OF_SCALE',
      'validation',
      `Levels lie between ${MIN_LEVEL} and ${MAX_LEVEL}.`,
    );
  }
  if (input.assessedOn > input.today) {
    throw new DomainError('COACHING.ASSESSED_IN_FUTURE', 'validation', 'An assessment cannot be dated in the future.');
  }
  return {
    id: input.id,
    participantId: input.participant.participantId,
    organisationId: input.participant.organisationId,
    regionId: input.participant.regionId,
    assessorKind: input.assessorKind,
    recordedBy: input.recordedBy,
    recordedAt: input.recordedAt,
    assessedOn: input.assessedOn,
    catalogueVersion: catalogue.version,
    targetLevel: catalogue.targetLevel,
    ratings: input.ratings.map((rating) => ({ ...rating })),
  };
}

export function belowTargetCodes(assessment: Pick<Assessment, 'ratings' | 'targetLevel'>): string[] {
  return assessment.ratings
    .filter((rating) => rating.level < assessment.targetLevel)
    .map((rating) => rating.competencyCode);
}

/** Earliest first: by the day assessed, then by when it was entered. */
export function chronological(a: Assessment, b: Assessment): number {
  return a.assessedOn.localeCompare(b.assessedOn) || a.recordedAt.localeCompare(b.recordedAt);
}

export interface RatingChange {
  competencyCode: string;
  level: number;
  /** The level this kind of assessor gave last time, or null the first time. */
  previousLevel: number | null;
  change: number | null;
}

export interface AssessmentWithChange extends Assessment {
  changes: RatingChange[];
}

/**
 * The history of a participant, each assessment with the change per competency since the previous
 * rating of that competency by the same kind of assessor: a coach's view is never compared with a
 * self-assessment.
 */
export function withChanges(assessments: readonly Assessment[]): AssessmentWithChange[] {
  const last = new Map<string, number>();
  return [...assessments].sort(chronological).map((assessment) => {
    const changes = assessment.ratings.map((rating) => {
      const key = `${assessment.assessorKind}:${rating.competencyCode}`;
      const previousLevel = last.get(key) ?? null;
      last.set(key, rating.level);
      return {
        competencyCode: rating.competencyCode,
        level: rating.level,
        previousLevel,
        change: previousLevel === null ? null : rating.level - previousLevel,
      };
    });
    return { ...assessment, changes };
  });
}

export interface LatestRating {
  competencyCode: string;
  level: number;
  targetLevel: number;
  assessedOn: string;
  assessmentId: string;
}

/** The most recent rating per competency among the given kinds of assessor. */
export function latestRatings(
  assessments: readonly Assessment[],
  kinds: readonly AssessorKind[] = BASELINE_KINDS,
): Map<string, LatestRating> {
  const latest = new Map<string, LatestRating>();
  for (const assessment of [...assessments].sort(chronological)) {
    if (!kinds.includes(assessment.assessorKind)) continue;
    for (const rating of assessment.ratings) {
      latest.set(rating.competencyCode, {
        competencyCode: rating.competencyCode,
        level: rating.level,
        targetLevel: assessment.targetLevel,
        assessedOn: assessment.assessedOn,
        assessmentId: assessment.id,
      });
    }
  }
  return latest;
}

/** The event: ratings only, never the notes. */
export function assessedFact(assessment: Assessment) {
  return {
    type: 'competency.assessed',
    version: 1,
    participantId: assessment.participantId,
    data: {
      assessmentId: assessment.id,
      participantId: assessment.participantId,
      organisationId: assessment.organisationId,
      assessorKind: assessment.assessorKind,
      assessedOn: assessment.assessedOn,
      ratings: assessment.ratings.map((rating) => ({ competencyCode: rating.competencyCode, level: rating.level })),
      belowTargetCodes: belowTargetCodes(assessment),
    },
  };
}
