'use strict';
// One region with three wijk-werkorganisaties and the partners they refer people to.
const REGION = 'region-kempen';
const ORGANISATIONS = [
  { id: 'org-neteland', name: 'Wijk-werken Neteland', kind: 'WIJK_WERK' },
  { id: 'org-herentals', name: 'Wijk-werken Herentals', kind: 'WIJK_WERK' },
  { id: 'org-geel', name: 'Wijk-werken Geel', kind: 'WIJK_WERK' },
  { id: 'partner-vdab-kempen', name: 'VDAB Kempen', kind: 'VDAB' },
  { id: 'partner-jobatelier-herentals', name: 'Jobatelier Herentals', kind: 'JOBATELIER' },
];

module.exports = {
  name: 'organisations',
  async run({ urls, api }) {
    for (const organisation of ORGANISATIONS) {
      await api('PUT', `${urls['flow-through']}/organisations`, { ...organisation, regionId: REGION });
    }
  },
};
