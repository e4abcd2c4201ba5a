import type { Destination } from '@stapsteen/contracts';

/**
 * The outcome of a participant-month in the words of the people who read the exports (Dutch, as on
 * the screens). The record keeps the stable code beside it, for whoever analyses the file.
 */
export const OUTCOME_LABELS_NL: Record<Destination | 'ONGOING', string> = {
  ONGOING: 'Loopt nog',
  NEC_JOB: 'Job in het normaal economisch circuit',
  TEMPORARY_WORK_EXPERIENCE: 'Tijdelijke werkervaring',
  ART_60: 'Artikel 60',
  SOCIAL_ECONOMY: 'Sociale economie',
  TRAINING: 'Opleiding',
  IBO: 'IBO',
  INTERNSHIP: 'Stage',
  JOBCOACH: 'Jobcoaching',
  WORK_CARE_TRAJECTORY: 'Werk-zorgtraject',
  SPECIALISED_CARE: 'Gespecialiseerde zorg',
  FOD_ALLOWANCE: 'Tegemoetkoming FOD',
  DROP_OUT: 'Uitval',
  MOVED: 'Verhuisd',
  HEALTH: 'Gezondheid',
  SANCTION: 'Sanctie',
  END_WITHOUT_NEXT_STEP: 'Einde zonder volgende stap',
  UNKNOWN: 'Onbekend',
};
