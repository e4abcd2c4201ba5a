import { ALERT_KINDS, type AlertKind } from '@stapsteen/contracts';
import { daysBetween } from '@stapsteen/calendar';

/**
 * The open alerts of one organisation, keyed by alert id and addressed by the organisation id.
 * A resolved alert is removed: `alert.raised` and `alert.resolved` share the participant's key, so
 * Kafka hands them over in order, and a redelivery repeats them in the same order.
 */
export interface OpenAlert {
  kind: AlertKind;
  raisedAt: string;
}

export interface OrganisationAlerts {
  _id: string;
  organisationId: string;
  open: Record<string, OpenAlert>;
}

export function emptyOrganisationAlerts(organisationId: string): OrganisationAlerts {
  return { _id: organisationId, organisationId, open: {} };
}

export function raiseAlert(model: OrganisationAlerts, alertId: string, alert: OpenAlert): OrganisationAlerts {
  return { ...model, open: { ...model.open, [alertId]: { ...alert } } };
}

export function resolveAlert(model: OrganisationAlerts, alertId: string): OrganisationAlerts {
  if (!model.open[alertId]) return model;
  const open = { ...model.open };
  delete open[alertId];
  return { ...model, open };
}

export const ALERT_AGE_BANDS = ['0-7', '8-30', '31+'] as const;
export type AlertAgeBand = (typeof ALERT_AGE_BANDS)[number];

/** Age in whole Belgian calendar days since it was raised: 0–7, 8–30, 31 and more. */
export function alertAgeBand(raisedOn: string, today: string): AlertAgeBand {
  const age = daysBetween(raisedOn, today);
  if (age <= 7) return '0-7';
  if (age <= 30) return '8-30';
  return '31+';
}

export interface AlertKindFigures {
  kind: AlertKind;
  open: number;
  byAge: Record<AlertAgeBand, number>;
}

/** Open alerts by kind (every kind listed, zeros included) and by age band. */
export function openAlertFigures(
  models: readonly OrganisationAlerts[],
  today: string,
  raisedOnOf: (raisedAt: string) => string,
): AlertKindFigures[] {
  const figures = new Map<AlertKind, AlertKindFigures>(
    ALERT_KINDS.map((kind) => [kind, { kind, open: 0, byAge: { '0-7': 0, '8-30': 0, '31+': 0 } }]),
  );
  for (const model of models) {
    for (const alert of Object.values(model.open)) {
      const entry = figures.get(alert.kind);
      if (!entry) continue;
      entry.open += 1;
      entry.byAge[alertAgeBand(raisedOnOf(alert.raisedAt), today)] += 1;
    }
  }
  return [...figures.values()];
}
