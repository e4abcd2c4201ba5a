import type { Principal } from '@stapsteen/auth';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Organisation } from '../../organisations/domain/organisation';
import type { Clock } from '../../shared/clock';
import { OrganisationFigures, emptyOrganisationFigures, rosterContribution } from '../domain/figures';
import {
  CoverageMonth,
  DestinationFigures,
  FunnelFigures,
  HoursTrendMonth,
  SummaryFigures,
  coachingCoverage,
  cohortFigures,
  hoursDistribution,
  hoursTrend,
  organisationMonthSeries,
  outflowByDestination,
  referralFunnel,
  summaryFigures,
} from '../domain/figure-queries';
import { CohortFigures, HOURS_CAP_PER_MONTH, HoursBucket, hoursFigures, rate } from '../domain/kpi-arithmetic';
import { AlertKindFigures, OrganisationAlerts, openAlertFigures } from '../domain/open-alerts';
import type { OrganisationMonth } from '../domain/organisation-month';
import { Period, monthsOf, resolvePeriod } from '../domain/period';
import { OrganisationRoster, emptyRoster } from '../domain/roster';
import type { KpiReadModels } from './kpi-read-models';
import { KpiScopeRequest, resolveKpiScope } from './kpi-scope';

export interface KpiQuery extends KpiScopeRequest {
  from?: string;
  to?: string;
}

export interface KpiSummary extends SummaryFigures {
  period: Period;
  regionId: string | null;
  organisationId: string | null;
}

export interface OrganisationKpis extends SummaryFigures {
  organisationId: string;
  name: string;
  regionId: string;
}

/** One row of the CSV/XLSX export: an organisation in a month. */
export interface OrganisationMonthRow {
  organisationId: string;
  organisationName: string;
  regionId: string;
  month: string;
  referred: number;
  started: number;
  active: number;
  coached: number;
  coachingCoverage: number | null;
  ended: number;
  positiveOutflow: number;
  positiveOutflowRate: number | null;
  participantMonths: number;
  averageCountedHours: number | null;
  shareBelowTarget: number | null;
  buckets: Record<HoursBucket, number>;
}

interface Snapshot {
  period: Period;
  organisations: Organisation[];
  figures: Map<string, OrganisationFigures>;
  alerts: Map<string, OrganisationAlerts | null>;
}

type Needs = { figures?: boolean; alerts?: boolean };

const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });

/**
 * The KPI figures for the organisations a caller may see, read from the read models by `_id` in
 * parallel: one compact figures document and one alerts document per organisation.
 */
export class KpiQueries {
  private readonly scopesInFlight = new Map<string, Promise<Organisation[]>>();

  constructor(
    private readonly models: KpiReadModels,
    private readonly directory: OrganisationDirectory,
    private readonly clock: Clock,
  ) {}

  async summary(principal: Principal, query: KpiQuery): Promise<KpiSummary> {
    const snapshot = await this.load(principal, query, { figures: true, alerts: true });
    return {
      period: snapshot.period,
      regionId: query.regionId ?? (principal.role === 'REGIONAL_MANAGER' ? principal.regionId : null),
      organisationId: query.organisationId ?? null,
      ...this.summaryOf(snapshot, snapshot.organisations),
    };
  }

  async organisations(
    principal: Principal,
    query: KpiQuery,
  ): Promise<{ period: Period; organisations: OrganisationKpis[] }> {
    const snapshot = await this.load(principal, query, { figures: true, alerts: true });
    return {
      period: snapshot.period,
      organisations: snapshot.organisations.map((organisation) => ({
        organisationId: organisation.id,
        name: organisation.name,
        regionId: organisation.regionId,
        ...this.summaryOf(snapshot, [organisation]),
      })),
    };
  }

  async hoursDistribution(principal: Principal, query: KpiQuery) {
    const snapshot = await this.load(principal, query, { figures: true });
    return {
      period: snapshot.period,
      cap: HOURS_CAP_PER_MONTH,
      buckets: hoursDistribution(allFigures(snapshot), snapshot.period),
    };
  }

  async hoursTrend(principal: Principal, query: KpiQuery): Promise<{ period: Period; months: HoursTrendMonth[] }> {
    const snapshot = await this.load(principal, query, { figures: true });
    return { period: snapshot.period, months: hoursTrend(allFigures(snapshot), snapshot.period) };
  }

  async outflowByDestination(
    principal: Principal,
    query: KpiQuery,
  ): Promise<{ period: Period; destinations: DestinationFigures[] }> {
    const snapshot = await this.load(principal, query, { figures: true });
    return { period: snapshot.period, destinations: outflowByDestination(allFigures(snapshot), snapshot.period) };
  }

  async referralFunnel(principal: Principal, query: KpiQuery): Promise<{ period: Period } & FunnelFigures> {
    const snapshot = await this.load(principal, query, { figures: true });
    return { period: snapshot.period, ...referralFunnel(allFigures(snapshot), snapshot.period) };
  }

  async coachingCoverage(principal: Principal, query: KpiQuery): Promise<{ period: Period; months: CoverageMonth[] }> {
    const snapshot = await this.load(principal, query, { figures: true });
    return { period: snapshot.period, months: coachingCoverage(allFigures(snapshot), snapshot.period) };
  }

  async alerts(principal: Principal, query: KpiQuery): Promise<{ kinds: AlertKindFigures[] }> {
    const snapshot = await this.load(principal, query, { alerts: true });
    return { kinds: this.alertFigures(snapshot, snapshot.organisations) };
  }

  async cohorts(principal: Principal, query: KpiQuery): Promise<{ period: Period; cohorts: CohortFigures[] }> {
    const snapshot = await this.load(principal, query, { figures: true });
    return { period: snapshot.period, cohorts: cohortFigures(allFigures(snapshot), snapshot.period) };
  }

  /** Every organisation × month of the period with the figures, for the CSV and XLSX exports. */
  async organisationMonthRows(
    principal: Principal,
    query: KpiQuery,
  ): Promise<{ period: Period; rows: OrganisationMonthRow[] }> {
    const snapshot = await this.load(principal, query, { figures: true });
    const rows: OrganisationMonthRow[] = [];
    for (const organisation of snapshot.organisations) {
      const series = organisationMonthSeries(snapshot.figures.get(organisation.id)!, snapshot.period);
      for (const [month, m] of series) {
        rows.push({
          organisationId: organisation.id,
          organisationName: organisation.name,
          regionId: organisation.regionId,
          month,
          referred: m.referred,
          started: m.started,
          active: m.active,
          coached: m.coached,
          coachingCoverage: rate(m.coached, m.active),
          ended: m.ended,
          positiveOutflow: m.positive,
          positiveOutflowRate: rate(m.positive, m.ended),
          participantMonths: m.hours.participantMonths,
          ...hoursFigures(m.hours),
          buckets: m.hours.buckets,
        });
      }
    }
    return { period: snapshot.period, rows };
  }

  /**
   * What a participant-level export covers: the period and the organisations in the caller's scope,
   * checked before anything is read (a bad period or an organisation out of scope is refused at once).
   */
  async participantLevelScope(
    principal: Principal,
    query: KpiQuery,
  ): Promise<{ period: Period; organisations: Organisation[] }> {
    const period = resolvePeriod({ from: query.from, to: query.to }, this.clock.today().slice(0, 7));
    const organisations = await resolveKpiScope(principal, query, this.directory);
    return { period, organisations: [...organisations].sort((a, b) => a.id.localeCompare(b.id)) };
  }

  /** One organisation's roster and closed hours months of the period (an export reads them one organisation at a time). */
  async participantLevelOf(
    organisationId: string,
    period: Period,
  ): Promise<{ roster: OrganisationRoster; months: OrganisationMonth[] }> {
    const [roster, months] = await Promise.all([
      this.models.roster(organisationId),
      this.models.organisationMonths(organisationId, monthsOf(period)),
    ]);
    return { roster: roster ?? emptyRoster(organisationId), months };
  }

  private summaryOf(snapshot: Snapshot, organisations: Organisation[]): SummaryFigures {
    const figures = organisations.map((o) => snapshot.figures.get(o.id)!);
    const openAlerts = this.alertFigures(snapshot, organisations).reduce((sum, kind) => sum + kind.open, 0);
    return summaryFigures(figures, openAlerts, snapshot.period);
  }

  private alertFigures(snapshot: Snapshot, organisations: Organisation[]): AlertKindFigures[] {
    const models = organisations.map((o) => snapshot.alerts.get(o.id)).filter((m): m is OrganisationAlerts => !!m);
    return openAlertFigures(models, this.clock.today(), (raisedAt) => BRUSSELS_DATE.format(new Date(raisedAt)));
  }

  /**
   * The organisation's compact figures. A document written before the per-participant stretches
   * existed is completed from the roster (one more `_id` read) until its next write replaces it.
   */
  private async figuresOf(organisationId: string): Promise<OrganisationFigures> {
    const figures = await this.models.figures(organisationId);
    if (!figures) return emptyOrganisationFigures(organisationId);
    if (figures.roster.participants !== undefined) return figures;
    const roster = await this.models.roster(organisationId);
    return { ...figures, roster: rosterContribution(roster ?? emptyRoster(organisationId)) };
  }

  /**
   * The organisations in scope. The panels of one dashboard ask side by side with the same scope:
   * while one lookup of a scope is in flight, the others share it (nothing is kept once it answers).
   */
  private scopeOf(principal: Principal, query: KpiQuery): Promise<Organisation[]> {
    const key = JSON.stringify([
      principal.role,
      principal.regionId,
      [...principal.organisationIds].sort(),
      query.regionId ?? null,
      query.organisationId ?? null,
    ]);
    const running = this.scopesInFlight.get(key);
    if (running) return running;
    const lookup = resolveKpiScope(principal, query, this.directory).finally(() => this.scopesInFlight.delete(key));
    this.scopesInFlight.set(key, lookup);
    return lookup;
  }

  private async load(principal: Principal, query: KpiQuery, needs: Needs): Promise<Snapshot> {
    // The period is checked before any read, so a bad request costs nothing.
    const period = resolvePeriod({ from: query.from, to: query.to }, this.clock.today().slice(0, 7));
    const organisations = await this.scopeOf(principal, query);
    const snapshot: Snapshot = { period, organisations, figures: new Map(), alerts: new Map() };
    await Promise.all(
      organisations.flatMap((organisation) => [
        needs.figures
          ? this.figuresOf(organisation.id).then((f) => snapshot.figures.set(organisation.id, f))
          : Promise.resolve(),
        needs.alerts
          ? this.models.alerts(organisation.id).then((a) => snapshot.alerts.set(organisation.id, a))
          : Promise.resolve(),
      ]),
    );
    return snapshot;
  }
}

const allFigures = (snapshot: Snapshot) => snapshot.organisations.map((o) => snapshot.figures.get(o.id)!);
