// Records (and refuses) every attempt to reach a host that is not this machine. Loaded in the test process,
// or in a child process with NODE_OPTIONS="--require <this file>" and VA_NETWORK_LOG=<file> to collect
// attempts from the CLI and the engine host too. Loopback stays allowed: browser mode and tests use it.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const fs = require('node:fs');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const attempts = [];

function record(kind, target) {
  const entry = { kind, target: String(target), pid: process.pid };
  attempts.push(entry);
  if (process.env.VA_NETWORK_LOG) fs.appendFileSync(process.env.VA_NETWORK_LOG, `${JSON.stringify(entry)}\n`);
}

function hostOf(rawArgs) {
  // net.connect() passes its arguments already normalised, as one array: [options, callback].
  const args = Array.isArray(rawArgs[0]) ? rawArgs[0] : rawArgs;
  const first = args[0];
  if (first && typeof first === 'object')
    return first.host ?? first.hostname ?? (first.path ? null : 'localhost');
  if (typeof args[1] === 'string') return args[1];
  return typeof first === 'string' && !/^\d+$/.test(first) ? null : 'localhost';
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (host !== null && !LOOPBACK.test(host)) {
    record('connect', host);
    const error = Object.assign(new Error(`network guard: connection to ${host} refused`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function guardedLookup(hostname, ...rest) {
    if (!LOOPBACK.test(String(hostname))) record(`dns.${name}`, hostname);
    return original.call(this, hostname, ...rest);
  };
}

module.exports = { attempts };
