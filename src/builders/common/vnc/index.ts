/** A minimal RFB client for typing boot commands (see rfb-client.ts). */
export { type RfbConnectOptions, RfbClient, RfbError } from './rfb-client.js';
export { vncAuthResponse } from './vnc-auth.js';
