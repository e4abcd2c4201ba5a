import type { FlowThroughSchemas, PathsWith, RequestBodyOf, ResponseOf } from '../api-types';

/** The organiser screens' own small rules, free of React so they can be tested on their own. */

/** "2:15", "2u15", "2.15" or "2" → minutes; undefined when it is none of those or zero. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,2})(?:[:.,u]([0-5]\d))?$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return minutes > 0 ? minutes : undefined;
}

/** 135 minutes → "2:15". */
export const asDuration = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** Ten counted hours before the cap a row turns amber, at the cap red. */
export const NEAR_CAP = 10;
export type CapState = 'ok' | 'near' | 'full';
export const capState = (monthRemaining: number): CapState =>
  monthRemaining <= 0 ? 'full' : monthRemaining <= NEAR_CAP ? 'near' : 'ok';

/** "2026-12-01" → "di 1/12/2026" in nl-BE; empty for anything that is not a calendar date. */
export function belgianDate(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== iso) return '';
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export interface EnrolmentInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationalRegisterNumber: string;
  monthlyHoursTarget: string;
  enrolledOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the enrolment form can tell before asking the API, as translation keys per field. The
 * national register number's check digits are left to the API, which is the one that knows.
 */
export function checkEnrolment(form: EnrolmentInput, today: string): Partial<Record<keyof EnrolmentInput, string>> {
  const problems: Partial<Record<keyof EnrolmentInput, string>> = {};
  if (!form.firstName.trim()) problems.firstName = 'organiser.enrol.errors.firstName';
  if (!form.lastName.trim()) problems.lastName = 'organiser.enrol.errors.lastName';
  if (!DATE.test(form.dateOfBirth)) problems.dateOfBirth = 'organiser.enrol.errors.dateOfBirth';
  else if (form.dateOfBirth > today) problems.dateOfBirth = 'organiser.enrol.errors.dateOfBirthFuture';
  const digits = form.nationalRegisterNumber.replace(/\D/g, '');
  if (form.nationalRegisterNumber.trim() && digits.length !== 11)
    problems.nationalRegisterNumber = 'organiser.enrol.errors.nationalRegisterNumber';
  const target = form.monthlyHoursTarget.trim();
  if (target && !(/^\d+$/.test(target) && Number(target) >= 1 && Number(target) <= 60))
    problems.monthlyHoursTarget = 'organiser.enrol.errors.monthlyHoursTarget';
  if (!DATE.test(form.enrolledOn)) problems.enrolledOn = 'organiser.enrol.errors.enrolledOn';
  else if (form.enrolledOn > today) problems.enrolledOn = 'organiser.enrol.errors.enrolledOnFuture';
  return problems;
}

/** A trajectory's status, as flow-through's participant answer has it. */
export type TrajectoryStatus = FlowThroughSchemas['TrajectoryView']['status'];

type StepPath = Extract<PathsWith<'post'>, `/flow-through/participants/{id}/trajectory/${string}`>;
/** The trajectory operations: those that answer with the participant (plan, referrals and the rest do not). */
type StepOperation = {
  [Path in StepPath]: [ResponseOf<Path, 'post'>] extends [FlowThroughSchemas['ParticipantView']]
    ? Path extends `/flow-through/participants/{id}/trajectory/${infer Step}`
      ? Step
      : never
    : never;
}[StepPath];

/** A step of a trajectory: one of flow-through's `POST /participants/{id}/trajectory/<step>`. */
export type TrajectoryStep = StepOperation;

/** The request body of a step, as flow-through's trajectory DTOs describe it. */
export type StepBody<Step extends TrajectoryStep = TrajectoryStep> = RequestBodyOf<
  `/flow-through/participants/{id}/trajectory/${Step}`,
  'post'
>;

/**
 * The steps flow-through allows from each status, in the order an organiser usually takes them.
 * The rule itself is flow-through's (`changeTrajectory`); a status or step the API no longer has
 * fails the type check here.
 */
export const STEPS_FROM: Record<TrajectoryStatus, TrajectoryStep[]> = {
  REFERRED: ['intake', 'start', 'drop-off', 'end'],
  INTAKE: ['start', 'drop-off', 'end'],
  ACTIVE: ['suspend', 'extend', 'end'],
  SUSPENDED: ['resume', 'extend', 'end'],
  ENDED: ['re-referral'],
};

type StepBodies = { [Step in TrajectoryStep]: StepBody<Step> };

/**
 * The request body of a trajectory step. The reason and destination come from the screen's
 * choices (the API's codes); an empty one is sent as it is, and the API refuses it.
 */
export function stepBody<Step extends TrajectoryStep>(
  step: Step,
  on: string,
  choice: { reasonCode?: string; destination?: string },
): StepBodies[Step] {
  const bodies: StepBodies = {
    intake: { on },
    start: { on },
    resume: { on },
    're-referral': { on },
    suspend: { on, reasonCode: (choice.reasonCode ?? '') as StepBody<'suspend'>['reasonCode'] },
    extend: { plannedEndOn: on },
    end: { on, destination: (choice.destination ?? '') as StepBody<'end'>['destination'] },
    'drop-off': { droppedOn: on, reasonCode: (choice.reasonCode ?? '') as StepBody<'drop-off'>['reasonCode'] },
  };
  return bodies[step];
}

/**
 * The lines of an import that were taken (stored now or already before), as ranges "2–8, 11":
 * every data line that is not among the refused ones. Only knowable when the report lists every
 * refused line; the hours API keeps the first ones only.
 */
export function acceptedLines(total: number, refused: number[], refusedCount: number): string | null {
  if (refused.length < refusedCount) return null;
  const skip = new Set(refused);
  const ranges: Array<[number, number]> = [];
  for (let line = 2; line <= total + 1; line++) {
    if (skip.has(line)) continue;
    const last = ranges.at(-1);
    if (last && last[1] === line - 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ');
}
