// Preloaded with `node --require` into a child process, and so into each of its worker threads
// too (Node runs --require preloads in every thread): every way out to the network — TCP
// sockets, TLS, DNS, http(s), fetch — throws, and says so on stderr as "NETWORK ATTEMPT <what>".
// Local sockets (a path, not a host and port: tsx's own IPC) still connect.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload */
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');

function refuse(what) {
  process.stderr.write(`NETWORK ATTEMPT ${what}\n`);
  throw new Error('the network is unavailable here');
}

/** connect()'s arguments name a local socket: { path } or a path string. */
const isLocal = (first) => (typeof first === 'string' && !/^\d+$/.test(first)) || (first !== null && typeof first === 'object' && 'path' in first && first.path);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return isLocal(first) ? connect.apply(this, args) : refuse('socket.connect');
};
tls.connect = () => refuse('tls.connect');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[name] = () => refuse(`dns.${name}`);
  dns.promises[name] = async () => refuse(`dns.promises.${name}`);
}
for (const [label, module] of [['http', http], ['https', https]]) {
  module.request = () => refuse(`${label}.request`);
  module.get = () => refuse(`${label}.get`);
}
globalThis.fetch = async (input) => refuse(`fetch ${String(input).slice(0, 40)}`);
