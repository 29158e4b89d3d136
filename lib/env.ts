// The validated environment: the only module that reads process.env for the app.
import "server-only";
import { readEnv } from "./env-schema";

export const env = readEnv(process.env);
