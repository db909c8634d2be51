import pino from "pino";

/** One JSON line per event on stdout. Never pass passwords, tokens, e-mail addresses or bodies. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ["password", "token", "email", "*.password", "*.token", "*.email"],
});
