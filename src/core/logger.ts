import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoRedactPaths } from './redact';

export type { Logger } from 'pino';

/** Structured JSON logs; secret-named keys are censored wherever they appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tributary' },
      redact: { paths: pinoRedactPaths(), censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
