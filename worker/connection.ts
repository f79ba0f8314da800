/** Connection options for a Temporal server: plain for the dev server, mTLS or API key for a cluster. */
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/env.js';

export interface TemporalConnectionOptions {
  address: string;
  tls?: { clientCertPair: { crt: Buffer; key: Buffer } } | true;
  apiKey?: string;
}

export function temporalConnectionOptions(config: AppConfig): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: config.TEMPORAL_ADDRESS };
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    options.tls = {
      clientCertPair: {
        crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
        key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
      },
    };
  } else if (config.TEMPORAL_API_KEY) {
    options.tls = true;
    options.apiKey = config.TEMPORAL_API_KEY;
  }
  return options;
}
