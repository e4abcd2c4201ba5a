import { randomUUID } from 'node:crypto';
import type { TargetSettings } from '../../src/month-close/application/ports';
import type { OrganisationTargets } from '../../src/month-close/domain/targets';
import type { Make } from './participant-years.contract';

/** What every TargetSettings store promises, run against the in-memory fake and the MongoDB adapter alike. */
export function describeTargetSettingsContract(name: string, make: Make<TargetSettings>) {
  describe(`${name} keeps the TargetSettings contract`, () => {
    let settings: TargetSettings;
    let organisation: string;
    beforeEach(async () => {
      settings = await make();
      organisation = `org-${randomUUID().slice(0, 8)}`;
    });

    it('has no settings for an organisation that never saved any', async () => {
      expect(await settings.forOrganisation(organisation)).toBeNull();
    });

    it('gives back what was saved, for that organisation only', async () => {
      const targets: OrganisationTargets = {
        steps: [
          { fromTrajectoryMonth: 1, hours: 10 },
          { fromTrajectoryMonth: 4, hours: 20 },
        ],
        flagAfterMonthsBelow: 3,
      };
      await settings.save(organisation, targets);
      expect(await settings.forOrganisation(organisation)).toEqual(targets);
      expect(await settings.forOrganisation(`${organisation}-other`)).toBeNull();
    });

    it('replaces the settings whole: a rule left out of a later save is gone', async () => {
      await settings.save(organisation, { steps: [{ fromTrajectoryMonth: 1, hours: 10 }], flagAfterMonthsBelow: 3 });
      const later = { steps: [{ fromTrajectoryMonth: 1, hours: 15 }] };
      await settings.save(organisation, later);
      expect(await settings.forOrganisation(organisation)).toEqual(later);
    });

    it('hands out copies: changing what it was given or gave back changes nothing stored', async () => {
      const targets: OrganisationTargets = { steps: [{ fromTrajectoryMonth: 1, hours: 10 }] };
      await settings.save(organisation, targets);
      targets.steps[0].hours = 99;
      const found = await settings.forOrganisation(organisation);
      found!.steps.push({ fromTrajectoryMonth: 2, hours: 1 });
      expect(await settings.forOrganisation(organisation)).toEqual({ steps: [{ fromTrajectoryMonth: 1, hours: 10 }] });
    });
  });
}
