'use strict';
/**
 * Preloaded (`node -r`) into a service the bench runs as a child process. Two things for the
 * bench, nothing for the service:
 *   - its resident memory: the parent reads /proc/<pid>/status (VmHWM), so nothing is needed here;
 *   - its database commands, when the bench profiles them (BENCH_PROBE_COMMANDS=1 and the address
 *     asks for `monitorCommands=true`): every command the service's driver completes is sent to the
 *     parent over the IPC channel while the parent has switched the profile on ({probe: 'on'}).
 * `{probe: 'memory'}` answers with process.memoryUsage() (after a collection when --expose-gc),
 * `{probe: 'snapshot', file}` writes a heap snapshot there.
 */
if (typeof process.send === 'function') {
  let profiling = false;
  process.on('message', (message) => {
    if (!message || typeof message !== 'object') return;
    if (message.probe === 'on') profiling = true;
    if (message.probe === 'off') profiling = false;
    if (message.probe === 'snapshot') {
      // BENCH_HEAP_SNAPSHOT_MB: a heap snapshot when the service first passes that RSS (pauses it).
      const file = require('node:v8').writeHeapSnapshot(message.file);
      process.send({ probe: 'snapshot', id: message.id, file });
    }
    if (message.probe === 'memory') {
      if (typeof globalThis.gc === 'function') globalThis.gc();
      process.send({ probe: 'memory', id: message.id, memory: process.memoryUsage() });
    }
  });
  // The IPC channel must not keep the service alive once Nest has shut down.
  process.channel?.unref();

  if (process.env.BENCH_PROBE_COMMANDS === '1') {
    // Mongoose may bring a driver of its own (node_modules/mongoose/node_modules/mongodb): watch both.
    const drivers = new Set([require.resolve('mongodb')]);
    try {
      drivers.add(require.resolve('mongodb', { paths: [require.resolve('mongoose')] }));
    } catch {
      // no mongoose: the services' one driver is enough
    }
    for (const driver of drivers) watch(require(driver).MongoClient);
  }

  function watch(MongoClient) {
    const connect = MongoClient.prototype.connect;
    const watched = new WeakSet();
    MongoClient.prototype.connect = function probedConnect(...args) {
      if (!watched.has(this)) {
        watched.add(this);
        const pending = new Map();
        this.on('commandStarted', (event) => {
          if (!profiling) return;
          const target = event.command[event.commandName];
          pending.set(event.requestId, typeof target === 'string' ? target : '');
        });
        const done = (event) => {
          const collection = pending.get(event.requestId);
          if (collection === undefined) return;
          pending.delete(event.requestId);
          process.send({
            probe: 'command',
            commandName: event.commandName,
            collection,
            duration: event.duration,
            bytes: event.reply ? JSON.stringify(event.reply).length : 0,
          });
        };
        this.on('commandSucceeded', done);
        this.on('commandFailed', done);
      }
      return connect.apply(this, args);
    };
  }
}
