import { DomainError } from '@stapsteen/errors';

export const ESCO_GROUPS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
export type EscoGroup = (typeof ESCO_GROUPS)[number];

export interface Competency {
  code: string;
  nameNl: string;
  nameEn: string;
  definition: string;
  /** ESCO transversal-skills group: T1 core, T2 thinking, T3 self-management, T4 social, T5 physical, T6 life. */
  escoGroup: EscoGroup;
}

export interface RatingLevel {
  level: number;
  nl: string;
  en: string;
}

/** No official VDAB scale was found, so this is ours; 3 is the default target (docs/domain.md, "Competencies and coaching"). */
export const RATING_SCALE: readonly RatingLevel[] = Object.freeze([
  { level: 1, nl: 'nog niet', en: 'not yet' },
  { level: 2, nl: 'gedeeltelijk', en: 'partly' },
  { level: 3, nl: 'grotendeels', en: 'mostly' },
  { level: 4, nl: 'volledig', en: 'fully' },
]);

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 4;
export const DEFAULT_TARGET_LEVEL = 3;

export interface Catalogue {
  organisationId: string;
  /** Every edit is a new version; assessments record the version they were made with. */
  version: number;
  targetLevel: number;
  scale: RatingLevel[];
  competencies: Competency[];
  /** Null for the built-in default, which nobody edited. */
  editedBy: string | null;
  editedAt: string | null;
}

const c = (code: string, nameNl: string, nameEn: string, escoGroup: EscoGroup, definition: string): Competency => ({
  code,
  nameNl,
  nameEn,
  escoGroup,
  definition,
});

/** The default catalogue (docs/domain.md, "Competencies and coaching"): editable per organisation, not an official list. */
export const DEFAULT_COMPETENCIES: readonly Competency[] = Object.freeze([
  c(
    'ZELFSTANDIG',
    'Zelfstandig werken',
    'Working independently',
    'T3',
    'Voert een opdracht uit zonder voortdurende begeleiding.',
  ),
  c(
    'AFSPRAKEN',
    'Regels en afspraken nakomen',
    'Keeping rules and agreements',
    'T3',
    'Houdt zich aan afspraken, regels en instructies.',
  ),
  c(
    'STIPTHEID',
    'Stiptheid en aanwezigheid',
    'Punctuality and attendance',
    'T3',
    'Is op tijd, verwittigt bij afwezigheid.',
  ),
  c(
    'NAUWKEURIG',
    'Zorgvuldig en nauwkeurig werken',
    'Working carefully',
    'T3',
    'Werkt ordelijk en controleert het eigen werk.',
  ),
  c(
    'LEERVERMOGEN',
    'Leerbereidheid',
    'Willingness to learn',
    'T3',
    'Staat open voor feedback en leert nieuwe taken aan.',
  ),
  c('FLEXIBEL', 'Flexibel zijn', 'Adaptability', 'T3', 'Past zich aan nieuwe taken, plaatsen en mensen aan.'),
  c(
    'STRESS',
    'Omgaan met stress en tegenslag',
    'Coping with stress',
    'T3',
    'Blijft rustig bij drukte, kritiek of tegenslag.',
  ),
  c('SAMENWERKEN', 'Samenwerken', 'Teamwork', 'T4', 'Werkt met anderen aan een gezamenlijk resultaat.'),
  c('COMMUNICEREN', 'Communiceren', 'Communicating', 'T4', 'Brengt een boodschap duidelijk over en luistert.'),
  c(
    'KLANTGERICHT',
    'Klantgericht werken',
    'Customer orientation',
    'T4',
    'Houdt rekening met de wensen van de gebruiker.',
  ),
  c('PLANNEN', 'Plannen en organiseren', 'Planning and organising', 'T2', 'Deelt het werk in en bewaakt de tijd.'),
  c(
    'PROBLEEMOPLOSSEND',
    'Problemen oplossen',
    'Problem solving',
    'T2',
    'Ziet een probleem en zoekt een passende oplossing.',
  ),
  c('DIGITAAL', 'Digitale vaardigheden', 'Digital skills', 'T1', 'Gebruikt een smartphone, e-mail en eenvoudige apps.'),
]);

export function defaultCatalogue(organisationId: string): Catalogue {
  return {
    organisationId,
    version: 1,
    targetLevel: DEFAULT_TARGET_LEVEL,
    scale: RATING_SCALE.map((level) => ({ ...level })),
    competencies: DEFAULT_COMPETENCIES.map((competency) => ({ ...competency })),
    editedBy: null,
    editedAt: null,
  };
}

export interface CatalogueEdit {
  targetLevel: number;
  competencies: Competency[];
  editedBy: string;
  editedAt: string;
}

/** An edit replaces the list as a whole and makes a new version; the old one stays for old assessments. */
export function reviseCatalogue(current: Catalogue, edit: CatalogueEdit): Catalogue {
  if (edit.competencies.length === 0) {
    throw new DomainError('COACHING.CATALOGUE_EMPTY', 'validation', 'A catalogue needs at least one competency.');
  }
  const codes = edit.competencies.map((competency) => competency.code);
  const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
  if (repeated.length > 0) {
    throw new DomainError(
      'COACHING.COMPETENCY_REPEATED',
      'validation',
      `Each code may appear once; repeated: ${[...new Set(repeated)].join(', ')}.`,
      {
        repeated: [...new Set(repeated)],
      },
    );
  }
  if (!Number.isInteger(edit.targetLevel) || edit.targetLevel < MIN_LEVEL || edit.targetLevel > MAX_LEVEL) {
    throw new DomainError(
      'COACHING.TARGET_OUT_OF_SCALE',
      'validation',
      `The target level must lie between ${MIN_LEVEL} and ${MAX_LEVEL}.`,
    );
  }
  return {
    organisationId: current.organisationId,
    version: current.version + 1,
    targetLevel: edit.targetLevel,
    scale: current.scale.map((level) => ({ ...level })),
    competencies: edit.competencies.map((competency) => ({ ...competency })),
    editedBy: edit.editedBy,
    editedAt: edit.editedAt,
  };
}

export function hasCompetency(catalogue: Catalogue, code: string): boolean {
  return catalogue.competencies.some((competency) => competency.code === code);
}

/** Refuses codes the organisation's catalogue does not hold. */
export function assertKnownCompetencies(catalogue: Catalogue, codes: readonly string[]): void {
  const unknown = [...new Set(codes.filter((code) => !hasCompetency(catalogue, code)))];
  if (unknown.length > 0) {
    throw new DomainError(
      'COACHING.COMPETENCY_UNKNOWN',
      'validation',
      `Not in the organisation's catalogue (version ${catalogue.version}): ${unknown.join(', ')}.`,
      { unknown, catalogueVersion: catalogue.version },
    );
  }
}
