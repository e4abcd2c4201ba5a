import type { AlertRulesRepository } from '../src/participants/application/alert-rules-service';
import type { StoredAlertRules } from '../src/participants/domain/alert-rules';

/**
 * What every `AlertRulesRepository` does, run against the in-memory fake the unit tests use
 * (`in-memory-alert-rules.spec.ts`) and the MongoDB adapter on the run's FerretDB
 * (`mongo-alert-rules.int-spec.ts`). `fresh` gives an empty repository for each test.
 */
export function describeAlertRulesRepositoryContract(name: string, fresh: () => Promise<AlertRulesRepository>): void {
  describe(`${name} (the alert rules repository contract)`, () => {
    let repository: AlertRulesRepository;
    beforeEach(async () => {
      repository = await fresh();
    });

    const rules = (endingWithinDays: number, editedBy = 'organiser-neteland'): StoredAlertRules => ({
      endingWithinDays,
      evaluationWithinDays: 7,
      editedBy,
      editedAt: '2026-12-01T10:00:00.000Z',
    });

    it('has nothing for an organisation that never saved its own rules', async () => {
      expect(await repository.load('org-neteland')).toBeNull();
    });

    it("keeps each organisation's rules apart, the last save replacing the one before", async () => {
      await repository.save('org-neteland', rules(30));
      await repository.save('org-herentals', rules(45, 'organiser-herentals'));
      await repository.save('org-neteland', rules(21, 'coach-neteland'));
      expect(await repository.load('org-neteland')).toEqual(rules(21, 'coach-neteland'));
      expect(await repository.load('org-herentals')).toEqual(rules(45, 'organiser-herentals'));
    });

    it('keeps one of two first saves made at the same time, whole (never a mix of both)', async () => {
      await Promise.all([repository.save('org-neteland', rules(30)), repository.save('org-neteland', rules(60, 'b'))]);
      expect([rules(30), rules(60, 'b')]).toContainEqual(await repository.load('org-neteland'));
    });
  });
}
