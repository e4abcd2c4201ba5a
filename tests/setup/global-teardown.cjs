const stack = require('../../deploy/local-stack/stack.cjs');

module.exports = async function globalTeardown() {
  await stack.down({ profile: 'test' });
};
