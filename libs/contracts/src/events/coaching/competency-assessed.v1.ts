import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, CompetencyCode, Distinct, Id } from '../fields';
import { MAX_COMPETENCIES } from './codes';

/** GEBRUIKER: the user the participant worked for, asked for feedback. */
export const ASSESSOR_KINDS = ['COACH', 'ORGANISER', 'SELF', 'GEBRUIKER'] as const;
export type AssessorKind = (typeof ASSESSOR_KINDS)[number];

/** 1 nog niet, 2 gedeeltelijk, 3 grotendeels, 4 volledig (docs/domain.md, "Competencies and coaching"; not an official VDAB scale). */
export class CompetencyRatingV1 {
  @CompetencyCode() competencyCode!: string;
  @IsInt() @Min(1) @Max(4) level!: number;
}

/** Ratings only: the assessor's observations are free text and stay in the coaching service. */
export class CompetencyAssessedV1 {
  @Id() assessmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(ASSESSOR_KINDS) assessorKind!: AssessorKind;
  @CalendarDate() assessedOn!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPETENCIES)
  @ArrayUnique((rating: CompetencyRatingV1) => rating?.competencyCode, {
    message: '$property must rate each competency once',
  })
  @ValidateNested({ each: true })
  @Type(() => CompetencyRatingV1)
  ratings!: CompetencyRatingV1[];
  /** Rated below the organisation's target level (3 by default), so coaching can pick them up. */
  @IsArray() @ArrayMaxSize(MAX_COMPETENCIES) @Distinct() @CompetencyCode({ each: true }) belowTargetCodes!: string[];
}

export const competencyAssessedV1Fixture: CompetencyAssessedV1 = {
  assessmentId: EXAMPLE.assessmentId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  assessorKind: 'COACH',
  assessedOn: '2026-04-10',
  ratings: [
    { competencyCode: 'STIPTHEID', level: 2 },
    { competencyCode: 'SAMENWERKEN', level: 3 },
    { competencyCode: 'COMMUNICEREN', level: 2 },
  ],
  belowTargetCodes: ['STIPTHEID', 'COMMUNICEREN'],
};

export const COMPETENCY_ASSESSED_V1 = defineEvent({
  type: 'competency.assessed',
  version: 1,
  topic: TOPICS.coaching,
  producer: 'coaching',
  keyField: 'participantId',
  payloadClass: CompetencyAssessedV1,
  fixture: competencyAssessedV1Fixture,
});
