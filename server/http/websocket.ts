// Watch over WebSocket, as kube-apiserver serves it to browsers and JavaScript clients: an
// `Upgrade: websocket` request on a watch URL gets one text message per event. Browsers cannot
// set an Authorization header, so the token may also come as the subprotocol
// "base64url.bearer.authorization.k8s.io.<base64url token>". With the "base64.binary.k8s.io"
// subprotocol every message is base64 encoded.

import type { WebSocket } from 'ws';
import { WatchSink } from '../handlers/watch.js';

export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';
export const BASE64_PROTOCOL = 'base64.binary.k8s.io';

/** The subprotocol to answer with: the first real one offered, else the token protocol itself. */
export function chooseProtocol(offered: Set<string>): string | false {
  let token: string | false = false;
  for (const p of offered) {
    if (p.startsWith(BEARER_PROTOCOL_PREFIX)) token ||= p;
    else return p;
  }
  return token;
}

/** The bearer token carried as a WebSocket subprotocol, if any. */
export function protocolToken(header: string | string[] | undefined): string | undefined {
  const offered = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((p) => p.trim());
  const p = offered.find((x) => x.startsWith(BEARER_PROTOCOL_PREFIX));
  if (!p) return undefined;
  try {
    return Buffer.from(p.slice(BEARER_PROTOCOL_PREFIX.length), 'base64url').toString('utf8');
  } catch {
    return undefined;
  }
}

export function webSocketSink(socket: WebSocket): WatchSink {
  const base64 = socket.protocol === BASE64_PROTOCOL;
  return {
    open() {},
    write(line) {
      socket.send(base64 ? Buffer.from(line).toString('base64') : line);
    },
    buffered: () => socket.bufferedAmount,
    end() {
      socket.close(1000);
    },
    onClose(cb) {
      socket.on('close', cb);
    },
  };
}
