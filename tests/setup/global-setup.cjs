// Starts the real local Kafka and FerretDB once per test run (test profile: own ports, empty data).
// Workers inherit these variables, so every integration test talks to the same real servers.
const stack = require('../../deploy/local-stack/stack.cjs');

module.exports = async function globalSetup() {
  const { kafkaBrokers, mongoUri } = await stack.up({ profile: 'test' });
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
};
