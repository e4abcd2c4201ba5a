import type { CoachingModality } from '@stapsteen/contracts';
import { Assessment, LatestRating, latestRatings } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';

/**
 * docs/domain.md, "Competencies and coaching": group training for shared skills, 1-on-1 for personal
 * barriers, peer support as an add-on for motivation and retention. Suggestions are advice for the
 * coach: nothing here assigns anything.
 */
export interface SuggestionPolicy {
  /** A competency is "shared" when at least this share of the other assessed participants lack it… */
  groupSharePercent: number;
  /** …and at least this many of them. */
  groupMinParticipants: number;
  /** Competencies that speak to motivation and retention: peer support as an add-on. */
  motivationCodes: readonly string[];
  /** An active group or 1-on-1 coaching plus this many competencies below target: peer support as an add-on. */
  peerAddOnMinBelowTarget: number;
}

export const DEFAULT_SUGGESTION_POLICY: SuggestionPolicy = {
  groupSharePercent: 30,
  groupMinParticipants: 3,
  // Punctuality and attendance (staying on), willingness to learn (motivation), coping with setbacks (dropping out).
  motivationCodes: ['STIPTHEID', 'LEERVERMOGEN', 'STRESS'],
  peerAddOnMinBelowTarget: 2,
};

export type SuggestionReasonCode = 'SHARED_GAP' | 'LOW_HOURS' | 'MOTIVATION_RETENTION' | 'ADD_ON_MANY_GAPS';

export interface SharedGap {
  competencyCode: string;
  /** Other participants of the organisation whose latest staff rating is below target. */
  participantsBelowTarget: number;
  /** Other participants of the organisation with a staff rating on it. */
  participantsAssessed: number;
}

export interface ModalitySuggestion {
  modality: CoachingModality;
  competencyCodes: string[];
  reasonCodes: SuggestionReasonCode[];
  /** Why, in Dutch (for the coach) and in English. */
  reason: string;
  reasonEn: string;
  /** Peer support is advised next to other coaching, not instead of it. */
  addOn: boolean;
  /** For a group suggestion: how many others lack each competency. */
  sharedGaps: SharedGap[];
}

export interface SuggestionFacts {
  participantId: string;
  /** The participant's assessments (only COACH and ORGANISER ratings count). */
  assessments: readonly Assessment[];
  /** Every assessment of the participant's organisation; the participant's own are left out of the counts. */
  organisationAssessments: readonly Assessment[];
  lowHoursFlagged: boolean;
  /** The participant's coaching; ended assignments are ignored. */
  assignments: readonly AssignmentSummary[];
  /** Competency names for the reasons; the code is used where a name is missing. */
  names?: ReadonlyMap<string, { nl: string; en: string }>;
}

/** The names the reasons use, from the organisation's catalogue. */
export function competencyNames(
  competencies: ReadonlyArray<{ code: string; nameNl: string; nameEn: string }>,
): Map<string, { nl: string; en: string }> {
  return new Map(competencies.map((competency) => [competency.code, { nl: competency.nameNl, en: competency.nameEn }]));
}

const isBelowTarget = (rating: LatestRating) => rating.level < rating.targetLevel;

/** For each competency: how many other assessed participants there are, and how many of them lack it. */
export function organisationGaps(
  participantId: string,
  organisationAssessments: readonly Assessment[],
): Map<string, { assessed: number; below: number }> {
  const byParticipant = new Map<string, Assessment[]>();
  for (const assessment of organisationAssessments) {
    if (assessment.participantId === participantId) continue;
    byParticipant.set(assessment.participantId, [...(byParticipant.get(assessment.participantId) ?? []), assessment]);
  }
  const counts = new Map<string, { assessed: number; below: number }>();
  for (const assessments of byParticipant.values()) {
    for (const rating of latestRatings(assessments).values()) {
      const count = counts.get(rating.competencyCode) ?? { assessed: 0, below: 0 };
      count.assessed += 1;
      if (isBelowTarget(rating)) count.below += 1;
      counts.set(rating.competencyCode, count);
    }
  }
  return counts;
}

/** Which modalities to consider for a participant, each with why; empty when nothing stands out. */
export function suggestModalities(
  facts: SuggestionFacts,
  policy: SuggestionPolicy = DEFAULT_SUGGESTION_POLICY,
): ModalitySuggestion[] {
  const below = [...latestRatings(facts.assessments).values()]
    .filter(isBelowTarget)
    .map((rating) => rating.competencyCode)
    .sort();
  const active = facts.assignments.filter((assignment) => assignment.active);
  const hasActive = (modality: CoachingModality) => active.some((assignment) => assignment.modality === modality);
  const coveredBy = (modality: CoachingModality, code: string) =>
    active.some((assignment) => assignment.modality === modality && assignment.competencyCodes.includes(code));
  const names = (codes: readonly string[], language: 'nl' | 'en') =>
    codes.map((code) => facts.names?.get(code)?.[language] ?? code).join(', ');

  const suggestions: ModalitySuggestion[] = [];

  // Group training: a competency below target that many others of the organisation lack too.
  const counts = organisationGaps(facts.participantId, facts.organisationAssessments);
  const sharedGaps: SharedGap[] = below
    .filter((code) => !coveredBy('GROUP', code))
    .map((code) => ({ code, count: counts.get(code) ?? { assessed: 0, below: 0 } }))
    .filter(
      ({ count }) =>
        count.below >= policy.groupMinParticipants && count.below * 100 >= policy.groupSharePercent * count.assessed,
    )
    .map(({ code, count }) => ({
      competencyCode: code,
      participantsBelowTarget: count.below,
      participantsAssessed: count.assessed,
    }));
  if (sharedGaps.length > 0) {
    const codes = sharedGaps.map((gap) => gap.competencyCode);
    const countsNl = sharedGaps
      .map(
        (gap) => `${names([gap.competencyCode], 'nl')}: ${gap.participantsBelowTarget} van ${gap.participantsAssessed}`,
      )
      .join('; ');
    const countsEn = sharedGaps
      .map(
        (gap) => `${names([gap.competencyCode], 'en')}: ${gap.participantsBelowTarget} of ${gap.participantsAssessed}`,
      )
      .join('; ');
    suggestions.push({
      modality: 'GROUP',
      competencyCodes: codes,
      reasonCodes: ['SHARED_GAP'],
      reason:
        `Onder het doelniveau op ${names(codes, 'nl')}, net als veel andere deelnemers van de organisatie ` +
        `(${countsNl}). Een groepstraining werkt goed voor vaardigheden die velen missen.`,
      reasonEn:
        `Below target on ${names(codes, 'en')}, like many other participants of the organisation ` +
        `(${countsEn}). Group training suits skills many people lack.`,
      addOn: false,
      sharedGaps,
    });
  }

  // 1-on-1 coaching: low hours point to personal barriers, which a group does not address.
  if (facts.lowHoursFlagged && !hasActive('ONE_ON_ONE')) {
    suggestions.push({
      modality: 'ONE_ON_ONE',
      competencyCodes: below,
      reasonCodes: ['LOW_HOURS'],
      reason:
        below.length > 0
          ? `Te weinig gepresteerde uren gesignaleerd en onder het doelniveau op ${names(below, 'nl')}. ` +
            `Individuele coaching kan persoonlijke drempels aanpakken.`
          : 'Te weinig gepresteerde uren gesignaleerd. Individuele coaching kan persoonlijke drempels opsporen en aanpakken.',
      reasonEn:
        below.length > 0
          ? `Low hours flagged and below target on ${names(below, 'en')}. ` +
            `1-on-1 coaching can address personal barriers.`
          : 'Low hours flagged. 1-on-1 coaching can find and address personal barriers.',
      addOn: false,
      sharedGaps: [],
    });
  }

  // Peer support as an add-on: motivation and retention, or many gaps next to coaching already running.
  if (!hasActive('PEER')) {
    const motivation = below.filter((code) => policy.motivationCodes.includes(code));
    const manyGaps = (hasActive('GROUP') || hasActive('ONE_ON_ONE')) && below.length >= policy.peerAddOnMinBelowTarget;
    if (motivation.length > 0 || manyGaps) {
      const codes = manyGaps ? below : motivation;
      const why: Array<{ nl: string; en: string }> = [];
      if (motivation.length > 0) {
        why.push({
          nl: `onder het doelniveau op ${names(motivation, 'nl')}, wat motivatie en volhouden raakt`,
          en: `below target on ${names(motivation, 'en')}, which bears on motivation and staying on`,
        });
      }
      if (manyGaps) {
        why.push({
          nl: `${below.length} competenties onder het doelniveau naast lopende groeps- of individuele coaching`,
          en: `${below.length} competencies below target next to running group or 1-on-1 coaching`,
        });
      }
      suggestions.push({
        modality: 'PEER',
        competencyCodes: codes,
        reasonCodes: [
          ...(motivation.length > 0 ? (['MOTIVATION_RETENTION'] as const) : []),
          ...(manyGaps ? (['ADD_ON_MANY_GAPS'] as const) : []),
        ],
        reason:
          `Peercoaching als aanvulling: ${why.map((w) => w.nl).join('; ')}. ` +
          `Peersteun werkt vooral naast andere begeleiding, niet in de plaats ervan.`,
        reasonEn:
          `Peer coaching as an add-on: ${why.map((w) => w.en).join('; ')}. ` +
          `Peer support works mainly next to other support, not instead of it.`,
        addOn: true,
        sharedGaps: [],
      });
    }
  }

  return suggestions;
}
