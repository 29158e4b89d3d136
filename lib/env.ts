// The validated environment: the only module that reads process.env for the app. (Build-time
// switches are not read here: next.config.ts decides them, see components/layout/leak-canary.tsx.)
import "server-only";
import { readEnv } from "./env-schema";

export const env = readEnv(process.env);
