'use strict';
// The demo region's name, so screens say "Kempen" rather than its id. A seeder of its own, so data
// folders seeded before regions had names get it on their next start too.
module.exports = {
  name: 'region-names',
  needs: ['organisations'],
  async run({ urls, api }) {
    await api('PUT', `${urls['flow-through']}/regions`, { id: 'region-kempen', name: 'Kempen' });
  },
};
