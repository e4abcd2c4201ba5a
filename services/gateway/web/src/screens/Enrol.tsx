import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { post } from '../api';
import type { Me } from '../App';
import {
  DateField,
  fieldProblems,
  OrganisationPicker,
  Problem,
  problemCode,
  todayInBrussels,
  useChosenOrganisation,
  useProblemText,
} from './organiser-kit';
import { checkEnrolment } from './organiser-rules';

export const REFERRAL_SOURCES = ['VDAB', 'OCMW', 'OTHER'] as const;

interface EnrolForm {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationalRegisterNumber: string;
  referralSource: string;
  referrerName: string;
  monthlyHoursTarget: string;
  exPwa: boolean;
  enrolledOn: string;
}

type Field = keyof EnrolForm;

/** Domain refusals that are about one field of the form. */
const FIELD_OF_CODE: Record<string, Field> = {
  'PARTICIPANT.NATIONAL_REGISTER_NUMBER_INVALID': 'nationalRegisterNumber',
  'PARTICIPANT.DATE_OF_BIRTH_INVALID': 'dateOfBirth',
  'PARTICIPANT.ENROLMENT_IN_FUTURE': 'enrolledOn',
  'PARTICIPANT.TARGET_OUT_OF_RANGE': 'monthlyHoursTarget',
};

export function Enrol({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const client = useQueryClient();
  const today = todayInBrussels();
  const [organisationId, setOrganisationId] = useChosenOrganisation(me);
  const [form, setForm] = useState<EnrolForm>({
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    nationalRegisterNumber: '',
    referralSource: 'VDAB',
    referrerName: '',
    monthlyHoursTarget: '',
    exPwa: false,
    enrolledOn: today,
  });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const set = (field: Field) => (value: string | boolean) => setForm({ ...form, [field]: value });
  const enrol = useMutation({
    mutationFn: () =>
      post<{ id: string }>('/flow-through/participants', {
        organisationId,
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        dateOfBirth: form.dateOfBirth,
        ...(form.nationalRegisterNumber.trim() ? { nationalRegisterNumber: form.nationalRegisterNumber.trim() } : {}),
        referralSource: form.referralSource,
        ...(form.referrerName.trim() ? { referrerName: form.referrerName.trim() } : {}),
        ...(form.monthlyHoursTarget.trim() ? { monthlyHoursTarget: Number(form.monthlyHoursTarget) } : {}),
        exPwa: form.exPwa,
        enrolledOn: form.enrolledOn,
      }),
    onSuccess: (participant) => {
      void client.invalidateQueries({ queryKey: ['participants'] });
      navigate(`/organiser/participants/${participant.id}`, { state: { enrolled: true } });
    },
  });

  // The API's own per-field list (REQUEST.INVALID) or a domain refusal about one field.
  const server = fieldProblems(enrol.error);
  const serverText = problemText(enrol.error);
  const code = problemCode(enrol.error);
  const errorOf = (field: Field): string | undefined => {
    if (local[field]) return t(local[field]);
    if (server[field])
      return i18n.exists(`organiser.enrol.errors.${field}`) ? t(`organiser.enrol.errors.${field}`) : serverText;
    if (code && FIELD_OF_CODE[code] === field) {
      const key = `organiser.problems.${code}`;
      return i18n.exists(key) ? t(key) : undefined;
    }
    return undefined;
  };
  const fieldError = (field: Field) => {
    const text = errorOf(field);
    return text ? { text, id: `enrol-${field}-error` } : null;
  };
  const attrs = (field: Field) => {
    const error = fieldError(field);
    return {
      id: `enrol-${field}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby':
        [error?.id, i18n.exists(`organiser.enrol.hints.${field}`) ? `enrol-${field}-hint` : '']
          .filter(Boolean)
          .join(' ') || undefined,
    };
  };
  const errorText = (field: Field) => {
    const error = fieldError(field);
    return error ? (
      <span className="field-error" id={error.id}>
        {error.text}
      </span>
    ) : null;
  };
  const FIELDS = Object.keys(form) as Field[];
  const count = FIELDS.filter((f) => errorOf(f)).length;
  const generalError = enrol.isError && count === 0;

  const text = (field: Field, options: { maxLength?: number; autoComplete?: string; inputMode?: 'numeric' } = {}) => (
    <div className="field">
      <label htmlFor={`enrol-${field}`}>{t(`organiser.enrol.${field}`)}</label>
      <input
        {...attrs(field)}
        value={form[field] as string}
        onChange={(e) => set(field)(e.target.value)}
        {...options}
      />
      {i18n.exists(`organiser.enrol.hints.${field}`) && (
        <span className="hint" id={`enrol-${field}-hint`}>
          {t(`organiser.enrol.hints.${field}`)}
        </span>
      )}
      {errorText(field)}
    </div>
  );

  return (
    <>
      <h1>{t('organiser.enrol.title')}</h1>
      <p className="hint">{t('organiser.enrol.intro')}</p>
      <form
        className="form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = checkEnrolment(form, today);
          setLocal(problems);
          if (Object.keys(problems).length > 0) {
            // The summary above the fields says what to fix; its first link leads to the field.
            window.requestAnimationFrame(() => document.querySelector<HTMLElement>('.error-summary a')?.focus());
            return;
          }
          enrol.mutate();
        }}
      >
        {count > 0 && (
          // Above the fields, each item a link to its field (GOV.UK error summary pattern).
          <div role="alert" className="problem full error-summary" aria-labelledby="enrol-summary-title">
            <p id="enrol-summary-title">{t('organiser.enrol.fixFields', { count })}</p>
            <ul>
              {FIELDS.filter((f) => errorOf(f)).map((f) => (
                <li key={f}>
                  <a
                    href={`#enrol-${f}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(`enrol-${f}`)?.focus();
                    }}
                  >
                    {t(`organiser.enrol.${f}`)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <OrganisationPicker me={me} value={organisationId} onChange={setOrganisationId} />
        {text('firstName', { maxLength: 80, autoComplete: 'off' })}
        {text('lastName', { maxLength: 80, autoComplete: 'off' })}
        <DateField
          id="enrol-dateOfBirth"
          label={t('organiser.enrol.dateOfBirth')}
          value={form.dateOfBirth}
          onChange={set('dateOfBirth')}
          max={today}
          error={errorOf('dateOfBirth')}
        />
        {text('nationalRegisterNumber', { maxLength: 15, inputMode: 'numeric', autoComplete: 'off' })}
        <div className="field">
          <label htmlFor="enrol-referralSource">{t('organiser.enrol.referralSource')}</label>
          <select
            id="enrol-referralSource"
            value={form.referralSource}
            onChange={(e) => set('referralSource')(e.target.value)}
          >
            {REFERRAL_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`organiser.sources.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {text('referrerName', { maxLength: 120 })}
        {text('monthlyHoursTarget', { maxLength: 2, inputMode: 'numeric' })}
        <DateField
          id="enrol-enrolledOn"
          label={t('organiser.enrol.enrolledOn')}
          value={form.enrolledOn}
          onChange={set('enrolledOn')}
          max={today}
          error={errorOf('enrolledOn')}
        />
        <label className="inline">
          <input type="checkbox" checked={form.exPwa} onChange={(e) => set('exPwa')(e.target.checked)} />
          {t('organiser.enrol.exPwa')}
        </label>
        <div className="full">
          {generalError && <Problem error={enrol.error} />}
          <button type="submit" disabled={enrol.isPending}>
            {t('organiser.enrol.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
