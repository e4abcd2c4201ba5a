'use strict';
// One demo login per role through the gateway's user administration, and the other planned coaches
// as colleagues without a login (no password: the gateway issues an invitation nobody is shown).
// An existing e-mail address (409 GATEWAY.USER_EXISTS) means the user is there already.
const { DEMO_USERS, DEMO_COLLEAGUES } = require('../demo-plan.cjs');

module.exports = {
  name: 'demo-users',
  async run({ urls, request }) {
    for (const { email, displayName, password, role, organisationIds, regionId } of [
      ...DEMO_USERS,
      ...DEMO_COLLEAGUES,
    ]) {
      const answer = await request(
        'POST',
        `${urls.gateway}/api/admin/users`,
        { email, displayName, ...(password ? { password } : {}), role, organisationIds, regionId },
        { raw: true },
      );
      if (answer.status === 409 && answer.body && answer.body.code === 'GATEWAY.USER_EXISTS') continue;
      if (answer.status === 404) {
        throw new Error(
          `the gateway has no user administration yet (POST ${urls.gateway}/api/admin/users answered 404); the demo logins could not be made`,
        );
      }
      if (answer.status >= 300) {
        throw new Error(`creating the demo user ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    }
  },
};
