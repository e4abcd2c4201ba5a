import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { KpiQueryDto } from '../../kpis/interface/kpi.dto';
import { EnrolParticipantRequest, UpdateParticipantRequest } from './participant.dto';

/** Fields that may be left out but mean nothing as null (found by the fuzz suite: null was accepted). */
const refused = (type: new () => object, plain: object) =>
  validateSync(plainToInstance(type, plain)).map((error) => error.property);

describe('optional fields that are never null', () => {
  it('refuses a null national register number or ex-PWA flag at enrolment, and takes them left out', () => {
    expect(refused(EnrolParticipantRequest, { nationalRegisterNumber: null })).toContain('nationalRegisterNumber');
    expect(refused(EnrolParticipantRequest, { exPwa: null })).toContain('exPwa');
    expect(refused(EnrolParticipantRequest, {})).not.toContain('nationalRegisterNumber');
    expect(refused(EnrolParticipantRequest, {})).not.toContain('exPwa');
  });

  it('refuses a null ex-PWA flag in a change of a participant', () => {
    expect(refused(UpdateParticipantRequest, { exPwa: null })).toEqual(['exPwa']);
    expect(refused(UpdateParticipantRequest, {})).toEqual([]);
  });

  it('refuses a null region or organisation in a KPI request (the export body), and takes them left out', () => {
    expect(refused(KpiQueryDto, { organisationId: null, regionId: null }).sort()).toEqual([
      'organisationId',
      'regionId',
    ]);
    expect(refused(KpiQueryDto, {})).toEqual([]);
  });
});
